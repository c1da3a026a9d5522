package io.iotconsole.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Mailbox: twenty mails a page with page numbers, searched by recipient, subject or text. */
@IntegrationTest
class MailboxSearchTests {
    private static final Pattern ARTICLE = Pattern.compile("<article class=\"mail\"");

    @Autowired
    TestData data;

    private static long articles(String page) {
        return ARTICLE.matcher(page).results().count();
    }

    @Test
    void theMailboxPagesAndSearchesRecipientSubjectAndText() {
        String marker = "pager" + UUID.randomUUID().toString().substring(0, 8);
        var org = data.organization("Mailbox " + marker + " Co");
        for (int i = 0; i < 24; i++) {
            org.owner()
                    .post(
                            "/api/v1/users",
                            Map.of(
                                    "firstName",
                                    "Mia",
                                    "lastName",
                                    "Mail" + i,
                                    "email",
                                    marker + "." + i + "@example.test",
                                    "role",
                                    "READ_ONLY"))
                    .expect(201);
        }
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);

        // by recipient: 24 invitations, 20 on the first page, 4 on the second
        String first = operator.get("/mailbox?q=" + marker.toUpperCase() + ".").body();
        assertThat(first).contains("24 mails match");
        assertThat(articles(first)).isEqualTo(20);
        assertThat(first)
                .contains("aria-current=\"page\"", "href=\"/mailbox?q=" + marker.toUpperCase() + ".&amp;page=1\"");
        String second = operator.get("/mailbox?q=" + marker + ".&page=1").body();
        assertThat(articles(second)).isEqualTo(4);
        assertThat(second).contains("Previous").doesNotContain("rel=\"next\"");

        // by text: the organisation's name is in the body of its Owner's and its users' invitations
        String text = operator.get("/mailbox?q=Mailbox+" + marker + "+Co").body();
        assertThat(text).contains("25 mails match");

        // by subject, together with the recipient's address being searched too
        String subject = operator.get("/mailbox?q=You+are+invited").body();
        assertThat(subject).contains("You are invited to IoT Console");
        assertThat(articles(subject)).isEqualTo(20);

        // a pattern character is searched as itself; HTML in the query is shown as text
        assertThat(operator.get("/mailbox?q=" + marker + "%25").body()).contains("0 mails match");
        // (with the marker, so that no other mail of the shared database can match)
        assertThat(operator.get("/mailbox?q=%3Cscript%3E" + marker).body())
                .contains("&lt;script&gt;" + marker)
                .doesNotContain("<script>alert")
                .contains("No mail matches.");

        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/mailbox?q=" + marker).status()).isEqualTo(403);
    }
}
