package io.iotconsole.sim;

import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SimApiController {
    private final SimCards sims;
    private final SimImports imports;

    SimApiController(SimCards sims, SimImports imports) {
        this.sims = sims;
        this.imports = imports;
    }

    /** Operator only: {@code text/csv} of {@code iccid,imsi,msisdn}; all or nothing. */
    @PostMapping(
            value = "/api/v1/organizations/{id}/sims/import",
            consumes = {"text/csv", "text/plain"})
    Map<String, Integer> importSims(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        return Map.of("imported", imports.importCsv(id, request.getInputStream()));
    }

    @GetMapping("/api/v1/sims")
    PageResult<SimCard> list(
            @ModelAttribute SimFilter filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return sims.list(filter, new Paging(page, size));
    }

    @GetMapping("/api/v1/sims/{iccid:[0-9]+}")
    SimCard get(@PathVariable String iccid) {
        return sims.get(iccid);
    }

    @GetMapping("/api/v1/sims/export")
    void export(@ModelAttribute SimFilter filter, HttpServletResponse response) throws IOException {
        SimCsv.write(sims.prepareExport(filter), response);
    }
}
