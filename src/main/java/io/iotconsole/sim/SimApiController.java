package io.iotconsole.sim;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.PagedList;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.Text;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SimApiController {
    private final SimCards sims;
    private final SimImports imports;
    private final SimActions actions;
    private final SimGroups groups;
    private final CsvExport csv;

    SimApiController(SimCards sims, SimImports imports, SimActions actions, SimGroups groups, CsvExport csv) {
        this.sims = sims;
        this.imports = imports;
        this.actions = actions;
        this.groups = groups;
        this.csv = csv;
    }

    @Allow({
        Permission.SIM_STATE,
        Permission.SIM_IMEI_LOCK,
        Permission.SIM_MONTHLY_LIMIT,
        Permission.SIM_TOP_UP,
        Permission.GROUP_MANAGE
    })
    @PatchMapping("/api/v1/sims/{iccid:[0-9]+}")
    SimCard changeSim(@PathVariable String iccid, @RequestBody SimChanges body) {
        return actions.change(iccid, body);
    }

    @Allow(Permission.SIM_RESET_CONNECTIVITY)
    @PostMapping("/api/v1/sims/{iccid:[0-9]+}/reset-connectivity")
    Network.Answer resetSimConnectivity(
            @PathVariable String iccid, @RequestParam(required = false) @Nullable UUID organizationId) {
        return actions.resetConnectivity(iccid, organizationId);
    }

    record Sms(@Text(max = 160, lines = true) @Nullable String text) {}

    @Allow(Permission.SIM_SMS)
    @PostMapping("/api/v1/sims/{iccid:[0-9]+}/sms")
    Network.Answer sendSms(
            @PathVariable String iccid,
            @RequestBody Sms body,
            @RequestParam(required = false) @Nullable UUID organizationId) {
        return actions.sendSms(iccid, body.text(), organizationId);
    }

    record TopUp(@Nullable Integer megabytes) {}

    @Allow(Permission.SIM_TOP_UP)
    @PostMapping("/api/v1/sims/{iccid:[0-9]+}/top-up")
    Network.Answer topUpSim(
            @PathVariable String iccid,
            @RequestBody TopUp body,
            @RequestParam(required = false) @Nullable UUID organizationId) {
        return actions.topUp(iccid, body.megabytes(), organizationId);
    }

    record GroupName(@Text(max = 100) @Nullable String name) {}

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/api/v1/groups")
    PageResult<SimGroups.SimGroup> listGroups(@RequestParam(required = false) @Nullable UUID organizationId) {
        var items = groups.list(organizationId);
        return new PageResult<>(items, items.size(), 0, items.size());
    }

    @Allow(Permission.GROUP_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/groups")
    ResponseEntity<SimGroups.SimGroup> createGroup(
            @RequestBody GroupName body, @RequestParam(required = false) @Nullable UUID organizationId) {
        var group = groups.create(body.name(), organizationId);
        return ResponseEntity.created(URI.create("/api/v1/groups/" + group.id()))
                .body(group);
    }

    @Allow(Permission.GROUP_MANAGE)
    @PatchMapping("/api/v1/groups/{id}")
    SimGroups.SimGroup renameGroup(
            @PathVariable UUID id,
            @RequestBody GroupName body,
            @RequestParam(required = false) @Nullable UUID organizationId) {
        return groups.rename(id, body.name(), organizationId);
    }

    @Allow(Permission.GROUP_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/api/v1/groups/{id}")
    ResponseEntity<Void> deleteGroup(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable UUID organizationId) {
        groups.delete(id, organizationId);
        return ResponseEntity.noContent().build();
    }

    record Imported(int imported) {}

    /** Operator only: {@code text/csv} of {@code iccid,imsi,msisdn}; all or nothing. */
    @Allow(who = Allow.Who.OPERATOR)
    @PostMapping(
            value = "/api/v1/organizations/{id}/sims/import",
            consumes = {"text/csv", "text/plain"})
    Imported importSims(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        return new Imported(imports.importCsv(id, request.getInputStream()));
    }

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/api/v1/sims")
    @SimFilterParameters
    @PagedList(sort = "iccid (default), imsi, msisdn, label, state, dataUsedMb, group (its name); '-' first descends")
    PageResult<SimCard> listSims(@Parameter(hidden = true) HttpServletRequest request) {
        return sims.list(SimFilter.of(request), Paging.of(request));
    }

    @Allow(Permission.SIM_VIEW)
    @GetMapping("/api/v1/sims/{iccid:[0-9]+}")
    SimCard getSim(@PathVariable String iccid) {
        return sims.get(iccid);
    }

    @Allow(Permission.SIM_EXPORT)
    @SimFilterParameters
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "every SIM the filters match, as CSV",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"))
    @GetMapping("/api/v1/sims/export")
    void exportSims(@Parameter(hidden = true) HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        csv.stream(response, SimCsv.FILE_NAME, SimCsv.COLUMNS, sims.prepareExport(SimFilter.of(request)));
    }
}
