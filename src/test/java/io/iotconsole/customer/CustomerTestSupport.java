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
}
