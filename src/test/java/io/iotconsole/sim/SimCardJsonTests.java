package io.iotconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SIM list's field-by-field writer writes what the console's reflective writer writes for the same record: the
 * console's own mapper writes {@link SimCard} (the fast writer) and a twin record with the same components (the
 * reflective writer), and the texts must be equal, with every optional field set and with none.
 */
@IntegrationTest
class SimCardJsonTests {
    @Autowired
    JsonMapper mapper;

    /** SimCard's components, written by the reflective writer. */
    record Twin(
            UUID organizationId,
            String iccid,
            String imsi,
            String msisdn,
            @Nullable String imei,
            boolean imeiLock,
            @Nullable String label,
            SimState state,
            @Nullable Integer monthlyLimitMb,
            @Nullable Integer autoTopUpMb,
            long dataUsedMb,
            @Nullable UUID groupId,
            Instant createdAt) {
        static Twin of(SimCard s) {
            return new Twin(
                    s.organizationId(),
                    s.iccid(),
                    s.imsi(),
                    s.msisdn(),
                    s.imei(),
                    s.imeiLock(),
                    s.label(),
                    s.state(),
                    s.monthlyLimitMb(),
                    s.autoTopUpMb(),
                    s.dataUsedMb(),
                    s.groupId(),
                    s.createdAt());
        }
    }

    @Test
    void theTwinHasSimCardsComponents() {
        assertThat(describe(Twin.class)).isEqualTo(describe(SimCard.class));
    }

    @Test
    void everyFieldSetIsWrittenAsTheReflectiveWriterDoes() {
        var sim = new SimCard(
                UUID.randomUUID(),
                "89440000000000000017",
                "234150000000011",
                "447700900011",
                "356938035643809",
                true,
                "Pump \"7\" – Zürich\n\u0001",
                SimState.SUSPENDED,
                500,
                100,
                123_456_789_012L,
                UUID.randomUUID(),
                Instant.parse("2026-11-29T10:15:30.123456Z"));
        String fast = mapper.writeValueAsString(sim);
        assertThat(fast).isEqualTo(mapper.writeValueAsString(Twin.of(sim)));
        assertThat(fast).contains("\"label\":").contains("\"groupId\":").contains("\"autoTopUpMb\":100");
    }

    @Test
    void unsetFieldsAreLeftOutAsTheReflectiveWriterDoes() {
        var sim = new SimCard(
                UUID.randomUUID(),
                "8944000000000000017",
                "234150000000012",
                "447700900012",
                null,
                false,
                null,
                SimState.ACTIVE,
                null,
                null,
                0,
                null,
                Instant.parse("2026-11-29T10:15:30Z"));
        String fast = mapper.writeValueAsString(sim);
        assertThat(fast).isEqualTo(mapper.writeValueAsString(Twin.of(sim)));
        assertThat(fast).doesNotContain("label").doesNotContain("groupId").doesNotContain("imei\"");
    }

    @Test
    void aPageOfSimsIsWrittenAsTheReflectiveWriterDoes() {
        var sim = new SimCard(
                UUID.randomUUID(),
                "8944000000000000025",
                "234150000000013",
                "447700900013",
                null,
                false,
                "a",
                SimState.DEACTIVATED,
                7,
                null,
                3,
                null,
                Instant.parse("2026-01-01T00:00:00.5Z"));
        var page = new io.iotconsole.shared.PageResult<>(java.util.List.of(sim, sim), 2, 0, 50);
        var twins = new io.iotconsole.shared.PageResult<>(java.util.List.of(Twin.of(sim), Twin.of(sim)), 2, 0, 50);
        assertThat(mapper.writeValueAsString(page)).isEqualTo(mapper.writeValueAsString(twins));
    }

    private static String describe(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName() + ":" + c.getGenericType().getTypeName())
                .reduce("", (a, b) -> a + " " + b);
    }
}
