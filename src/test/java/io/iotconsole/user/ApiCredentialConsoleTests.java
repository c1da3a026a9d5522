package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.ConsoleSession;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An API user's scopes, expiry, rotation and last use through the console's pages. */
@IntegrationTest
class ApiCredentialConsoleTests {
    private static final Pattern SECRET = Pattern.compile("id=\"new-secret\">([^<]+)<");

    @Autowired
    TestData data;

    @Test
    void theOwnerCreatesAScopedApiUserSeesItsLastUseAndRotatesItsSecret() {
        TestData.Org org = data.organization("Credential Pages");
        ConsoleSession owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String form = owner.get("/users/new").body();
        // only the scopes an API user may hold are offered
        assertThat(form).contains("value=\"sim:read\"", "value=\"transfer\"").doesNotContain("value=\"audit:read\"");

        String secret = "console-made-secret-1";
        var created = owner.submitAll(
                "/users/new",
                "/users",
                List.of(
                        Map.entry("role", "API_USER"),
                        Map.entry("clientIdSuffix", "pages"),
                        Map.entry("clientSecret", secret),
                        Map.entry("scopes", "sim:read"),
                        Map.entry("scopes", "order"),
                        Map.entry("expiresAt", "2099-12-31")));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String clientId = org.accountNumber() + "_pages";
        String id = data.jdbc()
                .sql("SELECT id::text FROM app_user WHERE client_id = :c")
                .param("c", clientId)
                .query(String.class)
                .single();

        var token = data.api().tokenResponse(clientId, secret).expect(200).json();
        assertThat(token.get("scope").asString()).isEqualTo("sim:read order");

        String list = owner.get("/users").body();
        assertThat(list).contains("/users/" + id + "/credential").contains("from 127.0.0.1");

        String page = owner.get("/users/" + id + "/credential").body();
        assertThat(page).contains("2099-12-31").contains("from 127.0.0.1");
        assertThat(page).containsPattern("value=\"sim:read\"\\s+checked");
        assertThat(page).doesNotContainPattern("value=\"sim:write\"\\s+checked");

        // no scope ticked: the field is named
        var none = owner.submitAll(
                "/users/" + id + "/credential", "/users/" + id + "/credential", List.of(Map.entry("expiresAt", "")));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).contains("Choose at least one scope");

        var saved = owner.submitAll(
                "/users/" + id + "/credential",
                "/users/" + id + "/credential",
                List.of(Map.entry("scopes", "sim:read"), Map.entry("expiresAt", "")));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(data.api()
                        .tokenResponse(clientId, secret)
                        .expect(200)
                        .json()
                        .get("scope")
                        .asString())
                .isEqualTo("sim:read");

        var rotated = owner.submit(
                "/users/" + id + "/credential", "/users/" + id + "/credential/rotate", Map.of("graceHours", "1"));
        assertThat(rotated.status()).isEqualTo(200);
        Matcher m = SECRET.matcher(rotated.body());
        assertThat(m.find()).isTrue();
        String fresh = m.group(1);
        data.api().tokenResponse(clientId, fresh).expect(200);
        data.api().tokenResponse(clientId, secret).expect(200);
        assertThat(owner.get("/users/" + id + "/credential").body())
                .contains("Previous secret")
                .doesNotContain(fresh);

        var bad = owner.submit(
                "/users/" + id + "/credential", "/users/" + id + "/credential/rotate", Map.of("graceHours", "999"));
        assertThat(bad.body()).contains("from 0 to 168");

        // an Admin may manage API users too; a Standard user may not open the page
        String standard = TestData.email("standard");
        data.activeUser(org.owner(), "STANDARD", standard);
        assertThat(data.console(standard, TestData.PASSWORD)
                        .get("/users/" + id + "/credential")
                        .status())
                .isEqualTo(403);
    }
}
