package io.iotconsole.secondfactor;

import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.Allow;
import io.iotconsole.security.Permission;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.user.User;
import io.iotconsole.user.Users;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Resetting another user's second factors, from their edit page; asks first. */
@Controller
class SecondFactorResetController {
    private final SecondFactorResets resets;
    private final Users users;
    private final AccessPolicy access;

    SecondFactorResetController(SecondFactorResets resets, Users users, AccessPolicy access) {
        this.resets = resets;
        this.users = users;
        this.access = access;
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @GetMapping("/users/{id}/second-factors/reset")
    String confirm(@PathVariable UUID id, Model model) {
        User user = users.get(id);
        access.requireAdminister(user.role());
        model.addAttribute("user", user);
        return "secondfactor/reset";
    }

    @Allow({
        Permission.USER_MANAGE_ADMIN,
        Permission.USER_MANAGE_STANDARD,
        Permission.USER_MANAGE_GROUP_USER,
        Permission.USER_MANAGE_READ_ONLY,
        Permission.USER_MANAGE_THIRD_PARTY,
        Permission.USER_MANAGE_API_USER
    })
    @PostMapping("/users/{id}/second-factors/reset")
    String reset(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            User user = resets.reset(id);
            redirect.addFlashAttribute(
                    "notice", "The second factors of " + user.name() + " are removed; they were told by mail.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/users/" + id + "/edit";
    }
}
