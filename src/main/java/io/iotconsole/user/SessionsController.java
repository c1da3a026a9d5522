package io.iotconsole.user;

import io.iotconsole.security.Allow;
import io.iotconsole.security.ConsoleSessions;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sessions pages: one's own from the profile, and a user's from the Users page for those who administer it. */
@Controller
class SessionsController {
    private final UserSessions sessions;

    SessionsController(UserSessions sessions) {
        this.sessions = sessions;
    }

    @Allow(Permission.USER_SELF)
    @GetMapping("/profile/sessions")
    String mine(HttpServletRequest request, Model model) {
        model.addAttribute("overview", sessions.mine(ConsoleSessions.currentId(request)));
        model.addAttribute("self", true);
        return "user/sessions";
    }

    @Allow(Permission.USER_SELF)
    @PostMapping("/profile/sessions/end")
    String endMine(
            @RequestParam(required = false) @Nullable String session,
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(defaultValue = "false") boolean all,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        String current = ConsoleSessions.currentId(request);
        try {
            var ended = sessions.endMine(new UserSessions.Ending(session, token, all), current);
            if (session != null && ConsoleSessions.names(session.strip(), current)) {
                return "redirect:/login?ended"; // the session this request came with is gone
            }
            redirect.addFlashAttribute("notice", notice(ended));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0).message());
        }
        return "redirect:/profile/sessions";
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @GetMapping("/users/{id}/sessions")
    String ofUser(@PathVariable UUID id, Model model) {
        model.addAttribute("overview", sessions.of(id));
        model.addAttribute("self", false);
        return "user/sessions";
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users/{id}/sessions/end")
    String endOfUser(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String session,
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(defaultValue = "false") boolean all,
            RedirectAttributes redirect) {
        try {
            var ended = sessions.endOf(id, new UserSessions.Ending(session, token, all));
            redirect.addFlashAttribute("notice", notice(ended));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0).message());
        }
        return "redirect:/users/" + Objects.requireNonNull(id) + "/sessions";
    }

    private static String notice(UserSessions.Ended ended) {
        return "Ended " + ended.sessions() + (ended.sessions() == 1 ? " session" : " sessions") + " and "
                + ended.tokens() + (ended.tokens() == 1 ? " API token." : " API tokens.");
    }
}
