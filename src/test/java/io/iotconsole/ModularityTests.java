package io.iotconsole;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each direct sub-package is a module; only their public root types are used across modules, with no cycles. */
class ModularityTests {
    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(ConsoleApplication.class).verify();
    }
}
