package io.iotconsole.secondfactor;

import io.iotconsole.security.Allow;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.security.Permission;
import io.iotconsole.security.SecondFactorSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The step after a right password for a user with a second factor: a code, a recovery code or a passkey. */
@Controller
class SignInChallengeController {
    private final SecondFactorChallenge challenge;
    private final SecondFactors factors;

    SignInChallengeController(SecondFactorChallenge challenge, SecondFactors factors) {
        this.challenge = challenge;
        this.factors = factors;
    }

    @Allow(Permission.USER_SELF)
    @GetMapping("/sign-in/second-factor")
    String form(Model model, HttpServletRequest request) {
        if (SecondFactorSession.state(request) != SecondFactorSession.State.CHALLENGE) {
            return "redirect:/";
        }
        return page(model, Map.of());
    }

    private String page(Model model, Map<String, String> errors) {
        model.addAttribute("options", factors.challengeOptions());
        model.addAttribute("errors", errors);
        return "secondfactor/challenge";
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/sign-in/second-factor")
    String check(
            @RequestParam(required = false) @Nullable String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (SecondFactorSession.state(request) != SecondFactorSession.State.CHALLENGE) {
            return "redirect:/";
        }
        var outcome = challenge.check(CurrentUser.get(), code, request.getRemoteAddr());
        switch (outcome) {
            case ACCEPTED, RECOVERY_CODE_ACCEPTED -> {
                SecondFactorSession.verified(request);
                if (outcome == SecondFactorChallenge.Outcome.RECOVERY_CODE_ACCEPTED) {
                    redirect.addFlashAttribute(
                            "notice",
                            "You signed in with a recovery code, which is now used up. Check your second factors on"
                                    + " the Sign-in security page.");
                }
                return "redirect:/";
            }
            case LOCKED -> {
                response.setStatus(429);
                model.addAttribute(
                        "problem", "Too many failed sign-ins. Sign-in is paused for a while; try again later.");
                return page(model, Map.of());
            }
            default -> {
                response.setStatus(422);
                return page(model, Map.of("code", "This code is not right, or was already used"));
            }
        }
    }
}
