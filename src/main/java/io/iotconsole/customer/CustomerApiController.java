package io.iotconsole.customer;

import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
class CustomerApiController {
    private final Customers customers;

    CustomerApiController(Customers customers) {
        this.customers = customers;
    }

    record NewCustomer(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String email,
            @Nullable String countryCode,
            @Nullable String phone,
            @Nullable UUID organizationId) {
        CustomerInput input() {
            return new CustomerInput(firstName, lastName, email, countryCode, phone);
        }
    }

    /** {@code q} searches first name, last name, e-mail and phone (a substring, ignoring case). */
    @GetMapping("/api/v1/customers")
    PageResult<Customer> search(HttpServletRequest request) {
        String org = request.getParameter("organizationId");
        return customers.search(
                request.getParameter("q"),
                org == null || org.isBlank() ? null : UUID.fromString(org.strip()),
                Paging.of(request));
    }

    @PostMapping("/api/v1/customers")
    ResponseEntity<Customer> create(@RequestBody NewCustomer body) {
        Customer c = customers.create(body.input(), body.organizationId());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + c.id())).body(c);
    }

    @GetMapping("/api/v1/customers/{id}")
    Customers.Details get(@PathVariable UUID id, HttpServletRequest request) {
        return customers.details(id, Paging.of(request));
    }

    @PatchMapping("/api/v1/customers/{id}")
    Customer update(@PathVariable UUID id, @RequestBody NewCustomer body) {
        return customers.update(id, body.input());
    }

    record NewPassword(@Nullable String password, @Nullable String confirmation) {}

    /** The console user's reset: {@code confirmation} may be left out over the API (it defaults to the password). */
    @PostMapping("/api/v1/customers/{id}/password")
    ResponseEntity<Void> password(@PathVariable UUID id, @RequestBody NewPassword body) {
        customers.setPassword(id, body.password(), body.confirmation() == null ? body.password() : body.confirmation());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/customers/{id}/disable")
    Customer disable(@PathVariable UUID id) {
        return customers.disable(id);
    }

    @PostMapping("/api/v1/customers/{id}/enable")
    Customer enable(@PathVariable UUID id) {
        return customers.enable(id);
    }

    @GetMapping("/api/v1/customers/{id}/devices")
    PageResult<Device> devices(@PathVariable UUID id, HttpServletRequest request) {
        return customers.details(id, Paging.of(request)).devices();
    }
}
