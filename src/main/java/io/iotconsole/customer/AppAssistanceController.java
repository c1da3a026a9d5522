package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's side of remote assistance in the app: the requests waiting for their answer, and afterwards who
 * assisted them, when, why and what was done.
 */
@Controller
class AppAssistanceController {
    private final RemoteAssistance assistance;
    private final CustomerApp app;
    private final CustomerAppSettings apps;

    AppAssistanceController(RemoteAssistance assistance, CustomerApp app, CustomerAppSettings apps) {
        this.assistance = assistance;
        this.app = app;
        this.apps = apps;
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/assistance")
    String page(HttpServletRequest request, Model model) {
        AppUser user = signedIn(request);
        try {
            model.addAttribute("user", app.active(user));
        } catch (CustomerApp.DisabledException e) {
            return "redirect:/app"; // which says why
        }
        model.addAttribute("brand", apps.of(user.customer().organizationId()));
        model.addAttribute("requests", assistance.pending(user));
        model.addAttribute("history", assistance.history(user));
        return "app/assistance";
    }

    /** Answers by query parameters, not flash attributes: the app keeps no server-side session. */
    @Allow(who = Allow.Who.CUSTOMER)
    @PostMapping("/app/assistance/answer")
    String answer(
            @RequestParam(required = false) @Nullable String request,
            @RequestParam(required = false) @Nullable String decision,
            HttpServletRequest http) {
        AppUser user = signedIn(http);
        boolean approve = "approve".equals(decision);
        if (!approve && !"decline".equals(decision)) {
            return "redirect:/app/assistance?problem=choose";
        }
        try {
            app.active(user);
            assistance.answer(user, parse(request), approve);
            return "redirect:/app/assistance?answered=" + decision;
        } catch (InvalidInputException e) {
            return "redirect:/app/assistance?problem=choose";
        } catch (NotFoundException e) {
            return "redirect:/app/assistance?problem=gone";
        } catch (CustomerApp.DisabledException e) {
            return "redirect:/app";
        }
    }

    private static AppUser signedIn(HttpServletRequest request) {
        // the app's filter chain lets only signed-in customers reach these addresses
        return CustomerAppAuthentication.current(request).orElseThrow();
    }

    private static @Nullable UUID parse(@Nullable String id) {
        try {
            return id == null ? null : UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("request", "Choose the request to answer");
        }
    }
}
