package io.iotconsole.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A Group user is never saved without a SIM group: not created, not edited, not made one by a role change. */
@IntegrationTest
class GroupUserNeedsAGroupTests {
    @Autowired
    TestData data;

    private long users(String email) {
        return data.jdbc()
                .sql("SELECT count(*) FROM app_user WHERE lower(email) = lower(:e)")
                .param("e", email)
                .query(Long.class)
                .single();
    }

    @Test
    void theApiRefusesAGroupUserWithoutAGroupNamingTheField() {
        var org = data.organization("Group Rule Api");
        String email = TestData.email("nogroup");
        var none = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("firstName", "No", "lastName", "Group", "email", email, "role", "GROUP_USER"));
        none.expect(400);
        assertThat(none.fieldError("groupIds")).contains("at least one SIM group");
        var empty = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "firstName",
                                "No",
                                "lastName",
                                "Group",
                                "email",
                                email,
                                "role",
                                "GROUP_USER",
                                "groupIds",
                                List.of()));
        empty.expect(400);
        assertThat(empty.fieldError("groupIds")).contains("at least one SIM group");
        assertThat(users(email)).isZero();

        // a Standard user made a Group user needs groups too; with one, it is saved
        String standard = TestData.email("std");
        String id = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("firstName", "Stan", "lastName", "Dard", "email", standard, "role", "STANDARD"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var change = org.owner().patch("/api/v1/users/" + id, Map.of("role", "GROUP_USER"));
        change.expect(400);
        assertThat(change.fieldError("groupIds")).contains("at least one SIM group");
        String group = org.owner()
                .post("/api/v1/groups", Map.of("name", "Vans"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        org.owner()
                .patch("/api/v1/users/" + id, Map.of("role", "GROUP_USER", "groupIds", List.of(group)))
                .expect(200);
        org.owner().patch("/api/v1/users/" + id, Map.of("groupIds", List.of())).expect(400);
        org.owner()
                .patch("/api/v1/users/" + id, Map.of("description", "still grouped"))
                .expect(200);
    }

    @Test
    void theCreateFormKeepsWhatWasTypedAndNamesTheGroups() {
        var org = data.organization("Group Rule Form");
        org.owner().post("/api/v1/groups", Map.of("name", "Depot North")).expect(201);
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        String email = TestData.email("formgroup");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("firstName", "Gwen");
        form.put("lastName", "Grouped");
        form.put("email", email);
        form.put("role", "GROUP_USER");
        form.put("description", "night shift");
        var refused = owner.submit("/users/new", "/users", form);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("Choose at least one SIM group")
                .contains("value=\"Gwen\"")
                .contains("value=\"" + email + "\"")
                .contains("night shift")
                .contains("Depot North");
        assertThat(users(email)).isZero();
    }
}
