package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer app's pages: sign in, the customer's locations and devices, their password, remote assistance. The app
 * keeps no server session (notices travel in the address), so nothing of the console's session is touched.
 */
@Controller
class CustomerAppController {
    private final CustomerApp app;

    CustomerAppController(CustomerApp app) {
        this.app = app;
    }

    static ResponseCookie sessionCookie(String token, HttpServletRequest request, Duration validity) {
        return ResponseCookie.from(CustomerAppAuthentication.COOKIE, token)
                .path("/app")
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .maxAge(validity)
                .build();
    }

    private static void clearCookie(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                "Set-Cookie", sessionCookie("", request, Duration.ZERO).toString());
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/login")
    String loginPage(@RequestParam(required = false) @Nullable String account, Model model) {
        model.addAttribute("account", account);
        return "app/login";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/login")
    String login(
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            String token = app.signIn(account, email, password, false, request.getRemoteAddr());
            response.addHeader(
                    "Set-Cookie",
                    sessionCookie(token, request, CustomerSessions.APP_VALIDITY).toString());
            return "redirect:/app";
        } catch (CustomerApp.SignInFailedException
                | CustomerApp.DisabledException
                | org.springframework.security.authentication.LockedException e) {
            model.addAttribute("account", account);
            model.addAttribute("email", email);
            model.addAttribute("loginError", e.getMessage());
            response.setStatus(
                    e instanceof CustomerApp.DisabledException
                            ? 403
                            : e instanceof CustomerApp.SignInFailedException ? 401 : 429);
            return "app/login";
        }
    }

    /** The customer's dashboard; a disabled customer's page fails with the reason, on this very request. */
    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app")
    String home(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, response, model, user -> {
            model.addAttribute("locations", app.locations(user));
            model.addAttribute("devices", app.devices(user));
            return "app/home";
        });
    }

    /** A page of the signed-in customer: to sign-in without a session, refused with the reason when disabled. */
    private String page(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            java.util.function.Function<AppUser, String> render) {
        Optional<AppUser> user = CustomerAppAuthentication.current(request);
        if (user.isEmpty()) {
            return "redirect:/app/login";
        }
        try {
            model.addAttribute("user", app.active(user.get()));
            return render.apply(user.get());
        } catch (CustomerApp.DisabledException e) {
            return refuse(e, request, response, model);
        }
    }

    private String refuse(
            CustomerApp.DisabledException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        clearCookie(request, response);
        response.setStatus(403);
        model.addAttribute("loginError", e.getMessage());
        return "app/login";
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/password")
    String passwordPage(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, response, model, user -> "app/password");
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @PostMapping("/app/password")
    String changePassword(
            @RequestParam(required = false) @Nullable String current,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String confirmation,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<AppUser> user = CustomerAppAuthentication.current(request);
        if (user.isEmpty()) {
            return "redirect:/app/login";
        }
        try {
            String token = app.changePassword(user.get(), current, password, confirmation);
            response.addHeader(
                    "Set-Cookie",
                    sessionCookie(
                                    token,
                                    request,
                                    user.get().assisted()
                                            ? CustomerSessions.ASSIST_VALIDITY
                                            : CustomerSessions.APP_VALIDITY)
                            .toString());
            return "redirect:/app?passwordChanged";
        } catch (InvalidInputException e) {
            model.addAttribute("user", user.get());
            model.addAttribute("errors", e.byField());
            return "app/password";
        } catch (CustomerApp.DisabledException e) {
            return refuse(e, request, response, model);
        }
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/set-password")
    String setPasswordPage(@RequestParam(required = false) @Nullable String token, Model model) {
        model.addAttribute("token", token);
        return "app/set-password";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/set-password")
    String setPassword(
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String confirmation,
            Model model) {
        try {
            app.setPasswordWithLink(token, password, confirmation);
            return "redirect:/app/login?passwordSet";
        } catch (InvalidInputException e) {
            model.addAttribute("token", token);
            model.addAttribute("errors", e.byField());
            return "app/set-password";
        }
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/forgot-password")
    String forgotPage(@RequestParam(required = false) @Nullable String account, Model model) {
        model.addAttribute("account", account);
        return "app/forgot-password";
    }

    /** The same page, with the same words, whether or not the e-mail is a customer's. */
    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/forgot-password")
    String forgot(
            @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String email,
            Model model) {
        app.requestPasswordReset(account, email);
        model.addAttribute("account", account);
        model.addAttribute("sent", CustomerApp.RESET_SENT);
        return "app/forgot-password";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        CustomerAppAuthentication.current(request).ifPresent(app::signOut);
        clearCookie(request, response);
        return "redirect:/app/login";
    }

    /** Ends remote assistance and goes back to the customer's page in the console. */
    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/assistance/end")
    String endAssistance(HttpServletRequest request, HttpServletResponse response) {
        Optional<AppUser> user = CustomerAppAuthentication.current(request);
        clearCookie(request, response);
        if (user.isPresent() && user.get().assisted()) {
            app.endAssistance(user.get());
            return "redirect:/customers/" + user.get().customer().id();
        }
        return "redirect:/app/login";
    }
}
