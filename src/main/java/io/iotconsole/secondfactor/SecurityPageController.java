package io.iotconsole.secondfactor;

import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.security.SecondFactorSession;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The profile's Sign-in security page: one's own authenticator app, recovery codes, passkeys; an Owner's policy. */
@Controller
class SecurityPageController {
    private static final String PAGE = "redirect:/profile/security";
    private final SecondFactors factors;

    SecurityPageController(SecondFactors factors) {
        this.factors = factors;
    }

    @Allow(Permission.USER_SELF)
    @GetMapping("/profile/security")
    String page(Model model, HttpServletRequest request) {
        return page(model, request, Map.of());
    }

    private String page(Model model, HttpServletRequest request, Map<String, String> errors) {
        model.addAttribute("overview", factors.overview());
        model.addAttribute("enrolmentRequired", SecondFactorSession.state(request) == SecondFactorSession.State.ENROL);
        model.addAttribute("errors", errors);
        model.addAttribute("section", "profile");
        return "secondfactor/security";
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/security/app")
    String startApp(RedirectAttributes redirect) {
        try {
            factors.startApp();
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return PAGE;
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/security/app/confirm")
    String confirmApp(
            @RequestParam(required = false) @Nullable String code,
            Model model,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        List<String> codes;
        try {
            codes = factors.confirmApp(code);
        } catch (InvalidInputException e) {
            return page(model, request, e.byField());
        }
        // the code proves the factor in this very session
        SecondFactorSession.verified(request);
        redirect.addFlashAttribute("recoveryCodes", codes);
        redirect.addFlashAttribute("notice", "Your authenticator app is set up. Keep your recovery codes safe.");
        return PAGE;
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/security/app/remove")
    String removeApp(RedirectAttributes redirect) {
        try {
            factors.removeApp();
            redirect.addFlashAttribute("notice", "Your authenticator app is removed.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return PAGE;
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/security/recovery-codes")
    String recoveryCodes(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("recoveryCodes", factors.replaceRecoveryCodes());
            redirect.addFlashAttribute("notice", "New recovery codes: the earlier ones no longer work.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return PAGE;
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/security/passkeys/rename")
    String renamePasskey(
            @RequestParam(required = false) @Nullable String credentialId,
            @RequestParam(required = false) @Nullable String label,
            Model model,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            factors.renamePasskey(credentialId, label);
        } catch (InvalidInputException e) {
            return page(model, request, e.byField());
        }
        redirect.addFlashAttribute("notice", "Passkey renamed.");
        return PAGE;
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/security/passkeys/remove")
    String removePasskey(
            @RequestParam(required = false) @Nullable String credentialId,
            Model model,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            factors.removePasskey(credentialId);
            redirect.addFlashAttribute("notice", "Passkey removed.");
        } catch (InvalidInputException e) {
            return page(model, request, e.byField());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return PAGE;
    }

    /** Only a ticked box turns the requirement on: an empty form leaves it off. */
    @Allow(Permission.USER_MANAGE_OWNER)
    @PostMapping("/profile/security/policy")
    String policy(@RequestParam(defaultValue = "false") boolean required, RedirectAttributes redirect) {
        try {
            factors.setRequired(required);
            redirect.addFlashAttribute(
                    "notice",
                    required
                            ? "Every user of your organisation now needs a second factor."
                            : "A second factor is now each user's choice.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return PAGE;
    }
}
