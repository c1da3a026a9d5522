package io.iotconsole.order;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.Paging;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Orders page: the organisation's orders and a new order; for the operator every order, to fulfil or cancel. */
@Controller
class OrderController {
    private final SimOrders orders;
    private final Organizations organizations;

    private final io.iotconsole.security.AccessPolicy access;

    OrderController(SimOrders orders, Organizations organizations, io.iotconsole.security.AccessPolicy access) {
        this.access = access;
        this.orders = orders;
        this.organizations = organizations;
    }

    @Allow(Permission.ORDER_VIEW)
    @GetMapping("/orders")
    String list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable String quantity,
            jakarta.servlet.http.HttpServletRequest request,
            Model model) {
        if (!model.containsAttribute("typedQuantity")) {
            model.addAttribute("typedQuantity", quantity);
        }
        String sort = request.getParameter("sort");
        model.addAttribute("sort", SimOrders.sorting(sort));
        model.addAttribute("page", orders.list(organizationId, status, sort, Paging.of(request, 50)));
        model.addAttribute("status", status);
        model.addAttribute("statuses", OrderStatus.values());
        model.addAttribute("maxQuantity", SimOrders.MAX_QUANTITY);
        if (access.isOperator()) {
            Map<UUID, String> names = organizations.visible().stream()
                    .collect(Collectors.toMap(Organization::id, o -> o.name() + " (" + o.accountNumber() + ")"));
            model.addAttribute("organizationNames", names);
        }
        return "order/list";
    }

    /**
     * The step before an order is placed: quantity, unit price and total, with a button that places it and a way
     * back to the form that keeps the quantity. A quantity that is not one stays in the form, named.
     */
    @Allow(Permission.ORDER_CREATE)
    @GetMapping("/orders/confirm")
    String confirm(
            @RequestParam(required = false) @Nullable String quantity,
            jakarta.servlet.http.HttpServletRequest request,
            Model model) {
        try {
            model.addAttribute("quote", orders.quote(parseQuantity(quantity)));
            return "order/confirm";
        } catch (InvalidInputException e) {
            model.addAttribute("typedQuantity", quantity);
            model.addAttribute("errors", e.byField());
            return list(null, null, quantity, request, model);
        }
    }

    @Allow(Permission.ORDER_CREATE)
    @PostMapping("/orders")
    String place(@RequestParam(required = false) @Nullable String quantity, RedirectAttributes redirect) {
        try {
            SimOrder order = orders.place(parseQuantity(quantity), null);
            redirect.addFlashAttribute(
                    "notice", "Order " + order.number() + " for " + order.quantity() + " SIMs is placed.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0).message());
        }
        return "redirect:/orders";
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/orders/{id}/fulfil")
    String fulfilForm(@PathVariable UUID id, Model model) {
        model.addAttribute("order", orders.get(id));
        return "order/fulfil";
    }

    @Allow(who = Allow.Who.OPERATOR)
    @PostMapping("/orders/{id}/fulfil")
    String fulfil(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        try (InputStream csv = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
            SimOrder done = orders.fulfil(id, csv);
            redirect.addFlashAttribute(
                    "notice", "Order " + done.number() + " is fulfilled with " + done.quantity() + " SIMs.");
            return "redirect:/orders";
        } catch (InvalidInputException e) {
            model.addAttribute("order", orders.get(id));
            model.addAttribute("errors", e.problems());
            return "order/fulfil";
        }
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/orders/{id}/cancel")
    String cancelForm(@PathVariable UUID id, Model model) {
        model.addAttribute("order", orders.get(id));
        return "order/cancel";
    }

    @Allow(who = Allow.Who.OPERATOR)
    @PostMapping("/orders/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
        SimOrder order = orders.cancel(id);
        redirect.addFlashAttribute("notice", "Order " + order.number() + " is cancelled.");
        return "redirect:/orders";
    }

    @Allow(Permission.ORDER_INVOICE)
    @GetMapping("/orders/{id}/invoice.pdf")
    ResponseEntity<byte[]> invoice(@PathVariable UUID id) {
        return OrderApiController.pdf(orders.invoice(id));
    }

    private static @Nullable Integer parseQuantity(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("quantity", "A whole number of SIMs from 1 to " + SimOrders.MAX_QUANTITY);
        }
    }
}
