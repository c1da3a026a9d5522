package io.iotconsole;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The code's one permission policy against the specification's table (a copy in the test resources), cell by cell. */
class PermissionPolicyTests {

    @Test
    void everyCellOfTheTableMatchesThePolicy() throws Exception {
        Set<String> seen = new HashSet<>();
        int cells = 0;
        try (Reader in = new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/permissions.csv")), StandardCharsets.UTF_8)) {
            var records = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in);
            for (CSVRecord row : records) {
                Permission permission = Permission.byCode(row.get("permission"));
                seen.add(permission.code());
                assertThat(permission.area()).as("area of %s", permission).isEqualTo(row.get("area"));
                assertThat(permission.description())
                        .as("description of %s", permission)
                        .isEqualTo(row.get("what it allows"));
                for (Role role : Role.organizationRoles()) {
                    assertThat(permission.grantFor(role).code())
                            .as("%s for %s", permission.code(), role)
                            .isEqualTo(row.get(role.name()));
                    cells++;
                }
            }
        }
        assertThat(seen)
                .as("every permission of the policy is in the table")
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Permission.values()).map(Permission::code).toList());
        assertThat(cells).isEqualTo(Permission.values().length * 7);
    }

    @Test
    void theOperatorHoldsEveryPermission() {
        for (Permission p : Permission.values()) {
            assertThat(p.grantFor(Role.OPERATOR).allows()).as(p.code()).isTrue();
        }
    }
}
