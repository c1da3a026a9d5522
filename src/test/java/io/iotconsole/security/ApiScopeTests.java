package io.iotconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The scopes against the permission table: every permission in exactly one scope, narrowing never widening. */
class ApiScopeTests {
    @Test
    void everyPermissionButApiAccessLiesInExactlyOneScope() {
        for (Permission p : Permission.values()) {
            long scopes = Arrays.stream(ApiScope.values())
                    .filter(s -> s.permissions().contains(p))
                    .count();
            assertThat(scopes).as(p.code()).isEqualTo(p == Permission.API_ACCESS ? 0 : 1);
        }
    }

    @Test
    void aRoleHoldsExactlyTheScopesOfThePermissionsItHolds() {
        for (Role role : Role.values()) {
            for (ApiScope s : ApiScope.values()) {
                boolean any =
                        s.permissions().stream().anyMatch(p -> p.grantFor(role).allows());
                assertThat(s.heldBy(role)).as(role + " " + s.code()).isEqualTo(any);
            }
        }
        assertThat(ApiScope.allHeldBy(Role.API_USER))
                .extracting(ApiScope::code)
                .containsExactly(
                        "sim:read",
                        "sim:write",
                        "customer:read",
                        "customer:write",
                        "transfer",
                        "order",
                        "organization:read");
    }

    @Test
    void aNarrowedTokenHoldsOnlyWhatBothItsRoleAndItsScopesHold() {
        var user = new ConsoleUser(UUID.randomUUID(), UUID.randomUUID(), Role.API_USER, "c", "c", 1, null);
        var narrowed = user.withScopes(EnumSet.of(ApiScope.SIM_READ, ApiScope.AUDIT_READ));
        for (Permission p : Permission.values()) {
            boolean expected = p.grantFor(Role.API_USER).allows()
                    && (p == Permission.API_ACCESS
                            || ApiScope.SIM_READ.permissions().contains(p)
                            || ApiScope.AUDIT_READ.permissions().contains(p));
            assertThat(narrowed.holds(p)).as(p.code()).isEqualTo(expected);
            assertThat(user.holds(p))
                    .as(p.code())
                    .isEqualTo(p.grantFor(Role.API_USER).allows());
        }
        assertThat(narrowed.narrowed()).isTrue();
        assertThat(user.withScopes(ApiScope.allHeldBy(Role.API_USER)).narrowed())
                .isFalse();
    }
}
