package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.QueryParameters;
import io.iotconsole.shared.Text;
import io.iotconsole.shared.TextFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CustomerApiController {
    private final Customers customers;
    private final DeviceImports devices;

    CustomerApiController(Customers customers, DeviceImports devices) {
        this.customers = customers;
        this.devices = devices;
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @GetMapping(value = "/api/v1/customers/devices-template.csv", produces = "text/csv")
    ResponseEntity<String> template() {
        return CsvExport.file("devices-template.csv", DeviceImports.TEMPLATE);
    }

    /** The report: rows, devices written, problems as {row, column, message}; 400 when a real upload has any. */
    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping(
            value = "/api/v1/customers/{id}/devices/import",
            consumes = {"text/csv", "text/plain"})
    ResponseEntity<java.util.Map<String, Object>> importDevices(
            @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request)
            throws java.io.IOException {
        DeviceImports.Report report = devices.upload(id, request.getInputStream(), dryRun);
        if (!report.valid() && !dryRun) {
            throw new InvalidInputException(report.problems());
        }
        return ResponseEntity.ok(java.util.Map.of(
                "rows", report.rows(),
                "written", report.written(),
                "valid", report.valid(),
                "problems",
                        report.problems().stream()
                                .map(InvalidInputException.FieldProblem::asJson)
                                .toList()));
    }

    record NewCustomer(
            @Text(max = 100) @Nullable String firstName,
            @Text(max = 100) @Nullable String lastName,
            @Text(max = 254) @Nullable String email,
            @Text(max = 5) @Nullable String countryCode,
            @Text(max = 30) @Nullable String phone,
            @Nullable UUID organizationId)
            implements TextFields.CheckedByUseCase {
        CustomerInput input() {
            return new CustomerInput(firstName, lastName, email, countryCode, phone);
        }
    }

    /**
     * {@code q} finds every customer whose first name, last name, e-mail or phone contains it, ignoring case; %, _
     * and \ are plain characters. {@code total} is exact when {@code totalExact} is true; when it is false, more
     * than {@code total} (1,000) customers match, the page is still a page of them, and {@code hasNext} tells whether
     * another page follows.
     */
    @Allow(Permission.CUSTOMER_VIEW)
    @GetMapping("/api/v1/customers")
    @Parameters({
        @Parameter(
                name = "q",
                in = ParameterIn.QUERY,
                description = "part of the first name, last name, e-mail or phone, any case"),
        @Parameter(
                name = "organizationId",
                in = ParameterIn.QUERY,
                description = "the operator names the organisation"),
        @Parameter(
                name = "sort",
                in = ParameterIn.QUERY,
                description = "lastName (default), firstName, email or status; '-' first for descending"),
        @Parameter(name = "page", in = ParameterIn.QUERY, description = "from 0"),
        @Parameter(name = "size", in = ParameterIn.QUERY, description = "1 to 200, default 50")
    })
    @Operation(
            summary = "Look up customers",
            description = "Every customer whose first name, last name, e-mail or phone contains q, ignoring case"
                    + " (%, _ and \\ are plain characters). totalExact true: total is the number of matches."
                    + " totalExact false: more than total (1,000) customers match; type more to narrow it down."
                    + " The page holds matches in the order asked, past 1,000 too; hasNext tells whether another"
                    + " page follows.")
    CustomerLookup search(@Parameter(hidden = true) HttpServletRequest request) {
        return customers.search(
                request.getParameter("q"),
                QueryParameters.uuid(request, "organizationId"),
                request.getParameter("sort"),
                Paging.of(request));
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/api/v1/customers")
    ResponseEntity<Customer> create(@RequestBody NewCustomer body) {
        Customer c = customers.create(body.input(), body.organizationId());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + c.id())).body(c);
    }

    @Allow(Permission.CUSTOMER_VIEW)
    @GetMapping("/api/v1/customers/{id}")
    Customers.Details get(@PathVariable UUID id, HttpServletRequest request) {
        return customers.details(id, request.getParameter("sort"), Paging.of(request));
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PatchMapping("/api/v1/customers/{id}")
    Customer update(@PathVariable UUID id, @RequestBody NewCustomer body) {
        return customers.update(id, body.input());
    }

    record NewPassword(
            @Text(max = 128) @Nullable String password,
            @Text(max = 128) @Nullable String confirmation) {}

    /** The console user's reset: {@code confirmation} may be left out over the API (it defaults to the password). */
    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/api/v1/customers/{id}/password")
    ResponseEntity<Void> password(@PathVariable UUID id, @RequestBody NewPassword body) {
        customers.setPassword(id, body.password(), body.confirmation() == null ? body.password() : body.confirmation());
        return ResponseEntity.noContent().build();
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/api/v1/customers/{id}/disable")
    Customer disable(@PathVariable UUID id) {
        return customers.disable(id);
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/api/v1/customers/{id}/enable")
    Customer enable(@PathVariable UUID id) {
        return customers.enable(id);
    }

    @Allow(Permission.CUSTOMER_VIEW)
    @GetMapping("/api/v1/customers/{id}/devices")
    PageResult<Device> devices(@PathVariable UUID id, HttpServletRequest request) {
        return customers
                .details(id, request.getParameter("sort"), Paging.of(request))
                .devices();
    }
}
