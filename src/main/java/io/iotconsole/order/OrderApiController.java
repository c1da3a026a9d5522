package io.iotconsole.order;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderApiController {
    private final SimOrders orders;

    OrderApiController(SimOrders orders) {
        this.orders = orders;
    }

    record NewOrder(@Nullable Integer quantity, @Nullable UUID organizationId) {}

    @Allow(Permission.ORDER_CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/orders")
    ResponseEntity<SimOrder> placeOrder(@RequestBody NewOrder body) {
        SimOrder order = orders.place(body.quantity(), body.organizationId());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
                .body(order);
    }

    @Allow(Permission.ORDER_VIEW)
    @io.iotconsole.shared.PagedList(
            sort = "-placedAt (default), number, quantity, total, status, placedAt or closedAt;"
                    + " '-' first for descending")
    @GetMapping("/api/v1/orders")
    PageResult<SimOrder> listOrders(
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String status,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) jakarta.servlet.http.HttpServletRequest request) {
        return orders.list(organizationId, status, request.getParameter("sort"), Paging.of(request, 50));
    }

    @Allow(Permission.ORDER_VIEW)
    @GetMapping("/api/v1/orders/{id}")
    SimOrder getOrder(@PathVariable UUID id) {
        return orders.get(id);
    }

    /** The operator's: a {@code text/csv} body of {@code iccid,imsi,msisdn}, exactly the order's quantity. */
    @Allow(who = Allow.Who.OPERATOR)
    @PostMapping(
            value = "/api/v1/orders/{id}/fulfil",
            consumes = {"text/csv", "text/plain"})
    SimOrder fulfilOrder(
            @PathVariable UUID id, @io.swagger.v3.oas.annotations.Parameter(hidden = true) HttpServletRequest request)
            throws IOException {
        return orders.fulfil(id, request.getInputStream());
    }

    @Allow(who = Allow.Who.OPERATOR)
    @PostMapping("/api/v1/orders/{id}/cancel")
    SimOrder cancelOrder(@PathVariable UUID id) {
        return orders.cancel(id);
    }

    @Allow(Permission.ORDER_INVOICE)
    @GetMapping(value = "/api/v1/orders/{id}/invoice", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> getOrderInvoice(@PathVariable UUID id) {
        return pdf(orders.invoice(id));
    }

    /** The invoice as a download named after its number; shared with the console's download link. */
    static ResponseEntity<byte[]> pdf(SimOrders.Invoice invoice) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(invoice.number() + ".pdf")
                                .build()
                                .toString())
                .body(invoice.pdf());
    }
}
