package io.iotconsole.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A tenant's endpoint must not reach the console's own host or private networks unless the installation allows it. */
class WebhookUrlsTests {
    @Test
    void addressesOfTheConsolesHostAndPrivateNetworksAreRefusedByDefault() {
        for (String url : new String[] {
            "http://localhost:8080/api/v1/oauth/token",
            "http://LOCALHOST:9811/h",
            "http://127.0.0.1:1/x",
            "http://2130706433:9811/h",
            "http://[::1]:9811/h",
            "https://10.0.0.1/h",
            "https://172.16.5.4/h",
            "https://192.168.1.1/h",
            "https://169.254.169.254/latest/meta-data/",
            "https://[::ffff:169.254.169.254]/h",
            "https://[fd00::1]/h",
            "https://[fe80::1]/h",
            "https://0.0.0.0/h",
            "https://100.64.0.1/h",
            "https://api.localhost/h"
        }) {
            assertThat(WebhookUrls.problem(url, false, false))
                    .as(url)
                    .isEqualTo("Must be a public address: loopback, private and link-local addresses are refused");
        }
    }

    @Test
    void publicAddressesAreAcceptedAndPrivateOnesWhenAllowed() {
        assertThat(WebhookUrls.problem("https://93.184.215.14/hooks", false, false))
                .isNull();
        assertThat(WebhookUrls.problem("https://8.8.8.8/hooks", false, false)).isNull();
        assertThat(WebhookUrls.problem("http://127.0.0.1:9811/h", false, true)).isNull();
        assertThat(WebhookUrls.problem("https://10.0.0.1/h", false, true)).isNull();
        assertThat(WebhookUrls.problem("http://10.0.0.1/h", false, true)).startsWith("Must use https://");
        assertThat(WebhookUrls.problem("http://93.184.215.14/h", false, false)).startsWith("Must use https://");
    }
}
