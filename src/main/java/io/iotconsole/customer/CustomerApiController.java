package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.CsvExport;
import io.iotconsole.shared.InputError;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.PagedList;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.QueryParameters;
import io.iotconsole.shared.Text;
import io.iotconsole.shared.TextFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
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
    ResponseEntity<String> getDevicesTemplate() {
        return CsvExport.file("devices-template.csv", DeviceImports.TEMPLATE);
    }

    /** The report: rows, devices written, problems as {row, column, message}; 400 when a real upload has any. */
    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping(
            value = "/api/v1/customers/{id}/devices/import",
            consumes = {"text/csv", "text/plain"})
    DeviceUploadReport importDevices(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(hidden = true) HttpServletRequest request)
            throws java.io.IOException {
        DeviceImports.Report report = devices.upload(id, request.getInputStream(), dryRun);
        if (!report.valid() && !dryRun) {
            throw new InvalidInputException(report.problems());
        }
        return new DeviceUploadReport(
                report.rows(),
                report.written(),
                report.valid(),
                report.problems().stream().map(InputError::of).toList());
    }

    /** A device upload's outcome; {@code problems} name the row (the header is row 1) and column. */
    record DeviceUploadReport(long rows, long written, boolean valid, java.util.List<InputError> problems) {}

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
                description = "part of the first name, last name, e-mail or phone, any case",
                schema = @Schema(type = "string")),
        @Parameter(
                name = "organizationId",
                in = ParameterIn.QUERY,
                description = "the operator names the organisation",
                schema = @Schema(type = "string", format = "uuid"))
    })
    @PagedList(sort = "lastName (default), firstName, email or status; '-' first for descending")
    @Operation(
            summary = "Look up customers",
            description = "Every customer whose first name, last name, e-mail or phone contains q, ignoring case"
                    + " (%, _ and \\ are plain characters). totalExact true: total is the number of matches."
                    + " totalExact false: more than total (1,000) customers match; type more to narrow it down."
                    + " The page holds matches in the order asked, past 1,000 too; hasNext tells whether another"
                    + " page follows.")
    CustomerLookup searchCustomers(@Parameter(hidden = true) HttpServletRequest request) {
        return customers.search(
                request.getParameter("q"),
                QueryParameters.uuid(request, "organizationId"),
                request.getParameter("sort"),
                Paging.of(request));
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/customers")
    ResponseEntity<Customer> createCustomer(@RequestBody NewCustomer body) {
        Customer c = customers.create(body.input(), body.organizationId());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + c.id())).body(c);
    }

    @Allow(Permission.CUSTOMER_VIEW)
    @PagedList(sort = "the devices' order: name (default), serialNumber, model or location; '-' first descends")
    @GetMapping("/api/v1/customers/{id}")
    Customers.Details getCustomer(@PathVariable UUID id, @Parameter(hidden = true) HttpServletRequest request) {
        return customers.details(id, request.getParameter("sort"), Paging.of(request));
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PatchMapping("/api/v1/customers/{id}")
    Customer updateCustomer(@PathVariable UUID id, @RequestBody CustomerChanges body) {
        return customers.change(id, body.input());
    }

    /** {@code PATCH}: only the fields given are checked and changed; the phone is its country code and number. */
    record CustomerChanges(
            @Text(max = 100) @Nullable String firstName,
            @Text(max = 100) @Nullable String lastName,
            @Text(max = 254) @Nullable String email,
            @Text(max = 5) @Nullable String countryCode,
            @Text(max = 30) @Nullable String phone)
            implements TextFields.CheckedByUseCase {
        CustomerInput input() {
            return new CustomerInput(firstName, lastName, email, countryCode, phone);
        }
    }

    record NewPassword(
            @Text(max = 128) @Nullable String password,
            @Text(max = 128) @Nullable String confirmation) {}

    /** The console user's reset: {@code confirmation} may be left out over the API (it defaults to the password). */
    @Allow(Permission.CUSTOMER_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/api/v1/customers/{id}/password")
    ResponseEntity<Void> setCustomerPassword(@PathVariable UUID id, @RequestBody NewPassword body) {
        customers.setPassword(id, body.password(), body.confirmation() == null ? body.password() : body.confirmation());
        return ResponseEntity.noContent().build();
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/api/v1/customers/{id}/disable")
    Customer disableCustomer(@PathVariable UUID id) {
        return customers.disable(id);
    }

    @Allow(Permission.CUSTOMER_MANAGE)
    @PostMapping("/api/v1/customers/{id}/enable")
    Customer enableCustomer(@PathVariable UUID id) {
        return customers.enable(id);
    }

    @Allow(Permission.CUSTOMER_VIEW)
    @PagedList(sort = "name (default), serialNumber, model or location; '-' first descends")
    @GetMapping("/api/v1/customers/{id}/devices")
    PageResult<Device> listCustomerDevices(
            @PathVariable UUID id, @Parameter(hidden = true) HttpServletRequest request) {
        return customers
                .details(id, request.getParameter("sort"), Paging.of(request))
                .devices();
    }
}
