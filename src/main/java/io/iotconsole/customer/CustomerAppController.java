package io.iotconsole.customer;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer app's pages: sign in, the customer's locations and devices, their password, remote assistance. The app
 * keeps no server session (notices travel in the address), so nothing of the console's session is touched.
 */
@Controller
class CustomerAppController {
    /** Remembers the app a customer signed in at, so that the general sign-in page can send them back there. */
    static final String ADDRESS_COOKIE = "APP_ADDRESS";

    private final CustomerApp app;
    private final CustomerAppSettings apps;
    private final RemoteAssistance assistance;

    CustomerAppController(CustomerApp app, CustomerAppSettings apps, RemoteAssistance assistance) {
        this.app = app;
        this.apps = apps;
        this.assistance = assistance;
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
    String loginPage(
            @RequestParam(required = false) @Nullable String account,
            @CookieValue(name = ADDRESS_COOKIE, required = false) @Nullable String remembered,
            HttpServletRequest request,
            Model model) {
        if (account == null && request.getQueryString() == null && remembered != null) {
            Optional<AppBrand> known = apps.atAddress(remembered);
            if (known.isPresent()) {
                return "redirect:/app/" + known.get().slug() + "/login";
            }
        }
        model.addAttribute("account", account);
        return "app/login";
    }

    /** The app's own sign-in page: e-mail and password; the organisation is known from the address. */
    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/{slug}/login")
    String appLoginPage(
            @PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<AppBrand> brand = apps.atAddress(slug);
        if (brand.isEmpty()) {
            return unknownApp(response);
        }
        if (!brand.get().slug().equals(slug)) {
            String query = request.getQueryString();
            return "redirect:/app/" + brand.get().slug() + "/login" + (query == null ? "" : "?" + query);
        }
        model.addAttribute("brand", brand.get());
        return "app/login";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/{slug}/login")
    String appLogin(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<AppBrand> brand = apps.atAddress(slug);
        if (brand.isEmpty()) {
            return unknownApp(response);
        }
        model.addAttribute("brand", brand.get());
        try {
            String token = app.signIn(
                    brand.get().slug(), email, password, false, request.getRemoteAddr(), CustomerApp.WRONG_AT_ADDRESS);
            response.addHeader(
                    "Set-Cookie",
                    sessionCookie(token, request, CustomerSessions.APP_VALIDITY).toString());
            response.addHeader(
                    "Set-Cookie",
                    ResponseCookie.from(ADDRESS_COOKIE, brand.get().slug())
                            .path("/app")
                            .httpOnly(true)
                            .secure(request.isSecure())
                            .sameSite("Lax")
                            .maxAge(Duration.ofDays(365))
                            .build()
                            .toString());
            return "redirect:/app";
        } catch (CustomerApp.SignInFailedException
                | CustomerApp.DisabledException
                | org.springframework.security.authentication.LockedException e) {
            model.addAttribute("email", email);
            model.addAttribute("loginError", e.getMessage());
            response.setStatus(
                    e instanceof CustomerApp.DisabledException
                            ? 403
                            : e instanceof CustomerApp.SignInFailedException ? 401 : 429);
            return "app/login";
        }
    }

    private static String unknownApp(HttpServletResponse response) {
        response.setStatus(404);
        return "app/unknown";
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
    String home(
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return page(request, response, model, user -> {
            model.addAttribute("locations", app.locations(user));
            model.addAttribute("devices", app.devices(user, page - 1));
            model.addAttribute("assistanceRequests", assistance.pending(user));
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
            model.addAttribute("brand", apps.of(user.get().customer().organizationId()));
            return render.apply(user.get());
        } catch (CustomerApp.DisabledException e) {
            return refuse(e, request, response, model);
        }
    }

    private String refuse(
            CustomerApp.DisabledException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        clearCookie(request, response);
        CustomerAppAuthentication.current(request)
                .ifPresent(u -> model.addAttribute("brand", apps.of(u.customer().organizationId())));
        response.setStatus(403);
        model.addAttribute("loginError", e.getMessage());
        return "app/login";
    }

    @Allow(who = Allow.Who.CUSTOMER)
    @GetMapping("/app/password")
    String passwordPage(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, response, model, user -> "app/password");
    }

    /**
     * The customer's own change, with the current password; a wrong one names that field and keeps the new password
     * typed. During remote assistance the page does not offer it and a POST is refused with 403.
     */
    @Allow(who = Allow.Who.CUSTOMER)
    @PostMapping("/app/password")
    String changePassword(
            @RequestParam(required = false) @Nullable String current,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String confirmation,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return page(request, response, model, user -> {
            try {
                String token = app.changePassword(user, current, password, confirmation, request.getRemoteAddr());
                response.addHeader(
                        "Set-Cookie",
                        sessionCookie(token, request, CustomerSessions.APP_VALIDITY)
                                .toString());
                return "redirect:/app?passwordChanged";
            } catch (CustomerApp.AssistedException e) {
                response.setStatus(403);
                return "app/password";
            } catch (InvalidInputException e) {
                response.setStatus(400);
                model.addAttribute("errors", e.byField());
                keepTyped(e, password, confirmation, model);
                return "app/password";
            } catch (org.springframework.security.authentication.LockedException e) {
                response.setStatus(429);
                model.addAttribute("errors", java.util.Map.of("current", e.getMessage()));
                keepTyped(InvalidInputException.of("current", ""), password, confirmation, model);
                return "app/password";
            }
        });
    }

    /** When only the current password was wrong, the new one typed twice stays in its fields. */
    private static void keepTyped(
            InvalidInputException e, @Nullable String password, @Nullable String confirmation, Model model) {
        if (e.byField().keySet().equals(java.util.Set.of("current"))) {
            model.addAttribute("password", password);
            model.addAttribute("confirmation", confirmation);
        }
    }

    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/set-password")
    String setPasswordPage(
            @RequestParam(required = false) @Nullable String token, HttpServletResponse response, Model model) {
        return linkPage(token, response, model);
    }

    /** The form for a live link; for a used, replaced or expired one, says so at once (410), as the console does. */
    private String linkPage(@Nullable String token, HttpServletResponse response, Model model) {
        model.addAttribute("token", token);
        if (!app.linkUsable(token)) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("linkGone", true);
        }
        return "app/set-password";
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/set-password")
    String setPassword(
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String confirmation,
            Model model) {
        return setPassword(null, token, password, confirmation, model);
    }

    /** The mailed link's page, in the organisation's app. */
    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/{slug}/set-password")
    String appSetPasswordPage(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String token,
            HttpServletResponse response,
            Model model) {
        Optional<AppBrand> brand = apps.atAddress(slug);
        if (brand.isEmpty()) {
            return unknownApp(response);
        }
        model.addAttribute("brand", brand.get());
        return linkPage(token, response, model);
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/{slug}/set-password")
    String appSetPassword(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String confirmation,
            HttpServletResponse response,
            Model model) {
        Optional<AppBrand> brand = apps.atAddress(slug);
        if (brand.isEmpty()) {
            return unknownApp(response);
        }
        return setPassword(brand.get(), token, password, confirmation, model);
    }

    private String setPassword(
            @Nullable AppBrand brand,
            @Nullable String token,
            @Nullable String password,
            @Nullable String confirmation,
            Model model) {
        try {
            app.setPasswordWithLink(token, password, confirmation);
            return brand == null
                    ? "redirect:/app/login?passwordSet"
                    : "redirect:/app/" + brand.slug() + "/login?passwordSet";
        } catch (InvalidInputException e) {
            model.addAttribute("brand", brand);
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
    @GetMapping("/app/{slug}/forgot-password")
    String appForgotPage(@PathVariable String slug, HttpServletResponse response, Model model) {
        Optional<AppBrand> brand = apps.atAddress(slug);
        if (brand.isEmpty()) {
            return unknownApp(response);
        }
        model.addAttribute("brand", brand.get());
        return "app/forgot-password";
    }

    /** The same page, with the same words, whether or not the e-mail is a customer's of this app. */
    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/{slug}/forgot-password")
    String appForgot(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String email,
            HttpServletResponse response,
            Model model) {
        Optional<AppBrand> brand = apps.atAddress(slug);
        if (brand.isEmpty()) {
            return unknownApp(response);
        }
        app.requestPasswordReset(brand.get().slug(), email);
        model.addAttribute("brand", brand.get());
        model.addAttribute("sent", CustomerApp.RESET_SENT);
        return "app/forgot-password";
    }

    /** The app's logo, for anyone (its sign-in page shows it): an image type checked on upload, never sniffed. */
    @Allow(who = Allow.Who.PUBLIC)
    @GetMapping("/app/{slug}/logo")
    ResponseEntity<byte[]> logo(@PathVariable String slug) {
        return apps.logo(slug)
                .map(logo -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(logo.contentType()))
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Disposition", "inline; filename=\"logo\"")
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
                        .lastModified(logo.updatedAt())
                        .body(logo.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @Allow(who = Allow.Who.PUBLIC)
    @PostMapping("/app/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        Optional<AppUser> user = CustomerAppAuthentication.current(request);
        user.ifPresent(app::signOut);
        clearCookie(request, response);
        return user.map(u -> "redirect:/app/"
                        + apps.of(u.customer().organizationId()).slug() + "/login")
                .orElse("redirect:/app/login");
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
