package io.iotconsole.web;

import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's chrome needs: who is signed in. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {
    @ModelAttribute("currentUser")
    @Nullable
    ConsoleUser currentUser() {
        return CurrentUser.find().orElse(null);
    }
}
