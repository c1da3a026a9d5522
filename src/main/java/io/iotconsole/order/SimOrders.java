package io.iotconsole.order;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.TenantScope;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.shared.PageResult;
import io.iotconsole.shared.Paging;
import io.iotconsole.shared.SortColumns;
import io.iotconsole.sim.SimImports;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SIM orders: an Owner or Admin (order.create) orders N SIMs; the platform operator fulfils the order with stock
 * (imported into the organisation, exactly N SIMs, all or nothing) or cancels it. A completed order has an invoice.
 */
@Service
public class SimOrders {
    public static final int MAX_QUANTITY = 100_000;
    private final SimOrderRepository repository;
    private final Organizations organizations;
    private final SimImports imports;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final BigDecimal unitPrice;
    private final String currency;
    private final String issuer;

    SimOrders(
            SimOrderRepository repository,
            Organizations organizations,
            SimImports imports,
            AccessPolicy access,
            AuditLog audit,
            @Value("${console.orders.unit-price}") BigDecimal unitPrice,
            @Value("${console.orders.currency}") String currency,
            @Value("${console.orders.invoice-issuer}") String issuer) {
        this.repository = repository;
        this.organizations = organizations;
        this.imports = imports;
        this.access = access;
        this.audit = audit;
        this.unitPrice = unitPrice;
        this.currency = currency;
        this.issuer = issuer;
    }

    /** The caller's organisation orders; the operator names the organisation it orders for. */
    @Transactional
    public SimOrder place(@Nullable Integer quantity, @Nullable UUID organizationId) {
        ConsoleUser caller = access.require(Permission.ORDER_CREATE);
        UUID named = access.scope(Permission.ORDER_CREATE, organizationId).organizationIdOrNull();
        if (named == null) {
            throw InvalidInputException.of("organizationId", "Choose the organisation the order is for");
        }
        Organization org = organizations.find(named).orElseThrow(() -> new NotFoundException("Organisation"));
        validQuantity(quantity);
        UUID id = UUID.randomUUID();
        repository.insert(id, org.id(), quantity, unitPrice, currency, caller.auditLabel());
        SimOrder order = repository.find(TenantScope.internal(org.id()), id).orElseThrow();
        audit.record(AuditRecord.success(org.id(), "ORDER_PLACED", "ORDER", id, "Order " + order.number())
                .withDetail(quantity + " SIMs at " + unitPrice + " " + currency));
        return order;
    }

    /** What an order would cost, shown before it is placed: the unit price it would be placed at, and the total. */
    public record Quote(int quantity, BigDecimal unitPrice, String currency, BigDecimal total) {}

    /** The price of an order of {@code quantity} SIMs (order.create), checked as {@link #place} checks it. */
    public Quote quote(@Nullable Integer quantity) {
        access.require(Permission.ORDER_CREATE);
        int n = validQuantity(quantity);
        return new Quote(n, unitPrice, currency, unitPrice.multiply(BigDecimal.valueOf(n)));
    }

    private static int validQuantity(@Nullable Integer quantity) {
        if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
            throw InvalidInputException.of("quantity", "A whole number of SIMs from 1 to " + MAX_QUANTITY);
        }
        return quantity;
    }

    /** The list's order as a request names it ({@code -placedAt}, {@code status}, ...); another name is a 400. */
    public static SortColumns.Sort sorting(@Nullable String sort) {
        return SimOrderRepository.SORTS.parse(sort);
    }

    /** The organisation's orders, newest first unless another order is asked; the operator sees every organisation's unless one is named. */
    @Transactional(readOnly = true)
    public PageResult<SimOrder> list(
            @Nullable UUID organizationId, @Nullable String status, @Nullable String sort, Paging paging) {
        SortColumns.Sort order = sorting(sort);
        TenantScope scope = access.scope(Permission.ORDER_VIEW, organizationId);
        OrderStatus wanted = status == null || status.isBlank() ? null : parseStatus(status);
        return new PageResult<>(
                repository.list(scope, wanted, order, paging.offset(), paging.size()),
                repository.count(scope, wanted),
                paging.page(),
                paging.size());
    }

    @Transactional(readOnly = true)
    public SimOrder get(UUID id) {
        return find(access.scope(Permission.ORDER_VIEW), id);
    }

    /** The operator's: the order's SIMs, as a CSV of {@code iccid,imsi,msisdn}, join the organisation's stock. */
    @Transactional
    public SimOrder fulfil(UUID id, InputStream csv) {
        SimOrder order = openOrderForOperator(id, "fulfil");
        SimImports.Imported stock = imports.importForOrder(order.organizationId(), csv, order.quantity());
        close(order, OrderStatus.COMPLETED, stock.firstIccid(), stock.lastIccid());
        audit.record(
                AuditRecord.success(order.organizationId(), "ORDER_FULFILLED", "ORDER", id, "Order " + order.number())
                        .withDetail(stock.count() + " SIMs, " + stock.firstIccid() + " to " + stock.lastIccid()));
        return repository.find(TenantScope.internal(order.organizationId()), id).orElseThrow();
    }

    @Transactional
    public SimOrder cancel(UUID id) {
        SimOrder order = openOrderForOperator(id, "cancel");
        close(order, OrderStatus.CANCELLED, null, null);
        audit.record(
                AuditRecord.success(order.organizationId(), "ORDER_CANCELLED", "ORDER", id, "Order " + order.number())
                        .withDetail(order.quantity() + " SIMs"));
        return repository.find(TenantScope.internal(order.organizationId()), id).orElseThrow();
    }

    /** A completed order's invoice, as a PDF. */
    @Transactional(readOnly = true)
    public Invoice invoice(UUID id) {
        SimOrder order = find(access.scope(Permission.ORDER_INVOICE), id);
        if (!order.hasInvoice()) {
            throw new ConflictException("Order " + order.number() + " is " + order.status()
                    + "; an order has an invoice once it is completed");
        }
        Organization org = organizations.find(order.organizationId()).orElseThrow();
        return new Invoice(InvoicePdf.number(org, order), InvoicePdf.render(issuer, org, order));
    }

    public record Invoice(String number, byte[] pdf) {}

    /** The newest order of the caller's organisation, for the dashboard's latest-order widget. */
    @Transactional(readOnly = true)
    public Optional<SimOrder> latest() {
        if (access.isOperator() || !access.can(Permission.DASHBOARD_LATEST_ORDER)) {
            return Optional.empty();
        }
        return repository
                .list(access.scope(Permission.DASHBOARD_LATEST_ORDER), null, SimOrderRepository.SORTS.parse(null), 0, 1)
                .stream()
                .findFirst();
    }

    /** Open orders are open workflows: an organisation that has one is not deleted. No permission check. */
    @Transactional(readOnly = true)
    public List<SimOrder> openOrdersOf(UUID organizationId) {
        return repository.open(organizationId);
    }

    /** Removes the closed orders of an organisation that is being deleted; the audit log keeps their record. */
    @Transactional
    public void deleteClosedOrdersOf(UUID organizationId) {
        repository.deleteClosed(organizationId);
    }

    private SimOrder openOrderForOperator(UUID id, String what) {
        access.requireOperator(what + " orders");
        SimOrder order = repository
                .lock(access.scope(Permission.ORDER_VIEW), id)
                .orElseThrow(() -> new NotFoundException("Order"));
        if (order.status() != OrderStatus.OPEN) {
            throw new ConflictException("Order " + order.number() + " is already " + order.status());
        }
        return order;
    }

    private void close(SimOrder order, OrderStatus status, @Nullable String first, @Nullable String last) {
        if (!repository.close(
                order.organizationId(), order.id(), status, CurrentUser.get().auditLabel(), first, last)) {
            throw new ConflictException("Order " + order.number() + " was closed meanwhile");
        }
    }

    private SimOrder find(TenantScope scope, UUID id) {
        return repository.find(scope, id).orElseThrow(() -> new NotFoundException("Order"));
    }

    private static OrderStatus parseStatus(String status) {
        try {
            return OrderStatus.valueOf(status.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "One of OPEN, COMPLETED, CANCELLED");
        }
    }
}
