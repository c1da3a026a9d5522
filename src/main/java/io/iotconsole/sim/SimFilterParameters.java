package io.iotconsole.sim;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The query parameters {@link SimFilter} reads, declared once for the SIM list and the SIM export. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameters({
    @Parameter(name = "iccid", in = ParameterIn.QUERY, description = "any part of the ICCID"),
    @Parameter(name = "imsi", in = ParameterIn.QUERY, description = "any part of the IMSI"),
    @Parameter(name = "msisdn", in = ParameterIn.QUERY, description = "any part of the MSISDN"),
    @Parameter(name = "label", in = ParameterIn.QUERY, description = "any part of the label, in any case"),
    @Parameter(
            name = "state",
            in = ParameterIn.QUERY,
            description = "the SIM's state",
            schema = @Schema(implementation = SimState.class)),
    @Parameter(
            name = "groupId",
            in = ParameterIn.QUERY,
            description = "a SIM group",
            schema = @Schema(type = "string", format = "uuid")),
    @Parameter(
            name = "organizationId",
            in = ParameterIn.QUERY,
            description = "the operator names the organisation",
            schema = @Schema(type = "string", format = "uuid"))
})
@interface SimFilterParameters {}
