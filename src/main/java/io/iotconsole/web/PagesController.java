package io.iotconsole.web;

import io.iotconsole.order.SimOrders;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Grant;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.sim.SimCards;
import io.iotconsole.sim.SimState;
import io.iotconsole.user.Dashboard;
import io.iotconsole.user.Profiles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    PagesController(
            @Value("${console.signup-enabled}") boolean signupEnabled,
            AccessPolicy access,
            Profiles profiles,
            SimCards sims,
            SimOrders orders) {
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
        if (!access.isOperator() && access.can(Permission.DASHBOARD_VIEW)) {
            Set<Dashboard> allowed = profiles.me().dashboards();
            if (allowed.contains(Dashboard.ORDERS)) {
                orders.latest().ifPresent(latest -> model.addAttribute("latestOrder", latest));
                model.addAttribute("orderWidget", access.can(Permission.DASHBOARD_LATEST_ORDER));
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
