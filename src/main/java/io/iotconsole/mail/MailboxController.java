package io.iotconsole.mail;

import io.iotconsole.security.Allow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's Mailbox: the outbox as it is, so that mails can be read where no SMTP server is configured. */
@Controller
class MailboxController {
    private final Mailer mailer;

    MailboxController(Mailer mailer) {
        this.mailer = mailer;
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/mailbox")
    String mailbox(Model model) {
        model.addAttribute("mails", mailer.latest(200));
        model.addAttribute("smtp", mailer.smtpConfigured());
        return "mail/mailbox";
    }
}
