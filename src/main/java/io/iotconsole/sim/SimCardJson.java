package io.iotconsole.sim;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes a {@link SimCard} field by field in the API's JSON, as the reflective record writer would (same names, order, formats, nulls
 * left out): a page of the SIM list is the Management API's busiest answer, 50 of these. A test holds the two
 * writers to the same text.
 */
@Component
final class SimCardJson extends SimpleModule {
    SimCardJson() {
        super("sim-card-json");
        addSerializer(SimCard.class, new Writer());
    }

    /** The writer itself, registered for {@link SimCard} by the module. */
    static final class Writer extends ValueSerializer<SimCard> {
        private static final SerializableString AUTO_TOP_UP_MB = new SerializedString("autoTopUpMb");
        private static final SerializableString CREATED_AT = new SerializedString("createdAt");
        private static final SerializableString DATA_USED_MB = new SerializedString("dataUsedMb");
        private static final SerializableString GROUP_ID = new SerializedString("groupId");
        private static final SerializableString ICCID = new SerializedString("iccid");
        private static final SerializableString IMEI = new SerializedString("imei");
        private static final SerializableString IMEI_LOCK = new SerializedString("imeiLock");
        private static final SerializableString IMSI = new SerializedString("imsi");
        private static final SerializableString LABEL = new SerializedString("label");
        private static final SerializableString MONTHLY_LIMIT_MB = new SerializedString("monthlyLimitMb");
        private static final SerializableString MSISDN = new SerializedString("msisdn");
        private static final SerializableString ORGANIZATION_ID = new SerializedString("organizationId");
        private static final SerializableString STATE = new SerializedString("state");

        @Override
        public void serialize(SimCard sim, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeStartObject(sim);
            gen.writeName(ORGANIZATION_ID);
            gen.writeString(sim.organizationId().toString());
            gen.writeName(ICCID);
            gen.writeString(sim.iccid());
            gen.writeName(IMSI);
            gen.writeString(sim.imsi());
            gen.writeName(MSISDN);
            gen.writeString(sim.msisdn());
            if (sim.imei() != null) {
                gen.writeName(IMEI);
                gen.writeString(sim.imei());
            }
            gen.writeName(IMEI_LOCK);
            gen.writeBoolean(sim.imeiLock());
            if (sim.label() != null) {
                gen.writeName(LABEL);
                gen.writeString(sim.label());
            }
            gen.writeName(STATE);
            gen.writeString(sim.state().name());
            if (sim.monthlyLimitMb() != null) {
                gen.writeName(MONTHLY_LIMIT_MB);
                gen.writeNumber(sim.monthlyLimitMb().intValue());
            }
            if (sim.autoTopUpMb() != null) {
                gen.writeName(AUTO_TOP_UP_MB);
                gen.writeNumber(sim.autoTopUpMb().intValue());
            }
            gen.writeName(DATA_USED_MB);
            gen.writeNumber(sim.dataUsedMb());
            if (sim.groupId() != null) {
                gen.writeName(GROUP_ID);
                gen.writeString(sim.groupId().toString());
            }
            gen.writeName(CREATED_AT);
            ctxt.writeValue(gen, sim.createdAt());
            gen.writeEndObject();
        }
    }
}
