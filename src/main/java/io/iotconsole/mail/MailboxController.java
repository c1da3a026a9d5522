package io.iotconsole.mail;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.Paging;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's Mailbox: the outbox as it is, so that mails can be read where no SMTP server is configured; 20 mails
 * a page, searched by recipient, subject or text.
 */
@Controller
class MailboxController {
    static final int PAGE_SIZE = 20;
    private final Mailer mailer;

    MailboxController(Mailer mailer) {
        this.mailer = mailer;
    }

    @Allow(who = Allow.Who.OPERATOR)
    @GetMapping("/mailbox")
    String mailbox(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("q", q == null ? "" : q.strip());
        var result = mailer.search(q, new Paging(page, PAGE_SIZE));
        model.addAttribute("page", result);
        model.addAttribute("pageNumbers", pageNumbers(result.page(), result.pages()));
        model.addAttribute("smtp", mailer.smtpConfigured());
        return "mail/mailbox";
    }

    /** The pages the pager names: the first, the last, and two either side of the current one; -1 is a gap. */
    static List<Integer> pageNumbers(int current, int pages) {
        List<Integer> numbers = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            if (p == 0 || p == pages - 1 || Math.abs(p - current) <= 2) {
                numbers.add(p);
            } else if (numbers.get(numbers.size() - 1) != -1) {
                numbers.add(-1);
            }
        }
        return numbers;
    }
}
