package io.iotconsole.web;

import io.iotconsole.order.OrderStatus;
import io.iotconsole.order.SimOrders;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.OrganizationStatus;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Grant;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.shared.Paging;
import io.iotconsole.sim.SimCards;
import io.iotconsole.sim.SimState;
import io.iotconsole.user.Dashboard;
import io.iotconsole.user.Profiles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in, the dashboard and the Roles page. */
@Controller
class PagesController {
    private final boolean signupEnabled;
    private final AccessPolicy access;
    private final Profiles profiles;
    private final SimCards sims;
    private final SimOrders orders;
    private final Organizations organizations;

    PagesController(
            @Value("${console.signup-enabled}") boolean signupEnabled,
            AccessPolicy access,
            Profiles profiles,
            SimCards sims,
            SimOrders orders,
            Organizations organizations) {
        this.organizations = organizations;
        this.signupEnabled = signupEnabled;
        this.access = access;
        this.profiles = profiles;
        this.sims = sims;
        this.orders = orders;
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/login")
    String login(@RequestParam(required = false) @Nullable String error, HttpServletRequest request, Model model) {
        model.addAttribute("signupEnabled", signupEnabled);
        if (error != null) {
            HttpSession session = request.getSession(false);
            Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            // One message for every failure, so the page tells nobody whether an account exists; a lock says so.
            model.addAttribute(
                    "loginError",
                    last instanceof LockedException locked ? locked.getMessage() : "Wrong e-mail or password.");
        }
        return "login";
    }

    /**
     * The dashboards the user may open (the user form's dashboard permissions). The SIM overview shows the SIMs by
     * state, counted and drawn as a bar chart in the page; the orders dashboard the latest order
     * (dashboard.latest_order) with a button to order as many again (order.create); the platform operator, above every organisation, gets
     * the links only.
     */
    @Allow(Permission.DASHBOARD_VIEW)
    @GetMapping("/")
    String dashboard(Model model) {
        if (access.isOperator()) {
            operatorOverview(model);
        } else if (access.can(Permission.DASHBOARD_VIEW)) {
            Set<Dashboard> allowed = profiles.me().dashboards();
            if (allowed.contains(Dashboard.ORDERS)) {
                orders.latest().ifPresent(latest -> model.addAttribute("latestOrder", latest));
                model.addAttribute("orderWidget", access.can(Permission.DASHBOARD_LATEST_ORDER));
            }
            if (allowed.contains(Dashboard.DATA_USAGE) && access.can(Permission.SIM_VIEW)) {
                model.addAttribute("usage", sims.usage());
            }
            if (allowed.contains(Dashboard.SIM_OVERVIEW) && access.can(Permission.SIM_VIEW)) {
                Map<SimState, Long> counts = sims.countByState();
                long max = Math.max(
                        1,
                        counts.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(1));
                model.addAttribute("simCounts", counts);
                model.addAttribute("simMax", max);
                model.addAttribute(
                        "simTotal",
                        counts.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return "dashboard";
    }

    /** One organisation's stock on the operator's dashboard. */
    record Stock(Organization organization, long sims) {}

    /**
     * The operator's work at a glance: the organisations (and how many wait for their Owner), the SIM stock held by
     * the organisations (the operator's imports and fulfilled orders) with the largest holders, the orders waiting to
     * be fulfilled; each leads to the list where that work is done.
     */
    private void operatorOverview(Model model) {
        List<Organization> all = organizations.visible();
        Map<UUID, Long> simCounts =
                sims.countByOrganization(all.stream().map(Organization::id).toList());
        model.addAttribute("organizationCount", all.size());
        model.addAttribute(
                "pendingCount",
                all.stream()
                        .filter(o -> o.status() == OrganizationStatus.PENDING)
                        .count());
        model.addAttribute(
                "stockCount",
                simCounts.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute(
                "stockByOrganization",
                all.stream()
                        .map(o -> new Stock(o, simCounts.getOrDefault(o.id(), 0L)))
                        .filter(s -> s.sims() > 0)
                        .sorted(Comparator.comparingLong(Stock::sims).reversed())
                        .limit(10)
                        .toList());
        model.addAttribute(
                "waitingOrders",
                orders.list(null, OrderStatus.OPEN.name(), null, new Paging(0, 1))
                        .total());
    }

    record RoleRow(Permission permission, List<Grant> grants) {}

    /** Drawn from the policy itself, so the page cannot disagree with what the server enforces. */
    @Allow(who = Allow.Who.SIGNED_IN)
    @GetMapping("/roles")
    String roles(Model model) {
        Role[] roles = Role.organizationRoles();
        model.addAttribute("roles", roles);
        model.addAttribute(
                "rows",
                Arrays.stream(Permission.values())
                        .map(p -> new RoleRow(
                                p, Arrays.stream(roles).map(p::grantFor).toList()))
                        .toList());
        return "roles";
    }
}
