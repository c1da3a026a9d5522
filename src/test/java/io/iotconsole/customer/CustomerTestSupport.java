package io.iotconsole.customer;

import io.iotconsole.support.Api;

/** Customers and their devices for tests of other packages. */
public final class CustomerTestSupport {
    private CustomerTestSupport() {}

    /** A new customer of the caller's organisation; answers its id. */
    public static String create(Api api, String first, String last, String email) {
        return CustomerTests.create(api, first, last, email, null).get("id").asString();
    }

    /** Uploads device rows (without the header) for the customer. */
    public static void devices(Api api, String customerId, String rows) {
        DeviceUploadTests.upload(api, customerId, false, DeviceUploadTests.HEADER + rows)
                .expect(200);
    }

    /** A PNG image of the given size and colour. */
    public static byte[] png(int width, int height, java.awt.Color color) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Gives the organisation's app a chosen address and a logo, as its settings page would. */
    public static void brandApp(
            org.springframework.jdbc.core.simple.JdbcClient jdbc, java.util.UUID organizationId, String slug) {
        jdbc.sql("INSERT INTO customer_app (organization_id, slug, logo, logo_type, logo_updated_at)"
                        + " VALUES (:id, :slug, :logo, 'image/png', now())")
                .param("id", organizationId)
                .param("slug", slug)
                .param("logo", png(4, 4, java.awt.Color.BLUE))
                .update();
    }
}
