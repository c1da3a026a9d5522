package io.iotconsole.support;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds organisations and users through the real API and reads mail from GreenMail. */
@TestComponent
@Lazy
public class TestData {
    public static final String OPERATOR_EMAIL = "operator@console.test";
    public static final String OPERATOR_PASSWORD = "operator-password-1";
    public static final String PASSWORD = "correct-horse-battery-9";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern LINK = Pattern.compile(
            "https?://\\S+?/(activate|reset-password|app/(?:[a-z0-9-]+/)?set-password)\\?token=([A-Za-z0-9_-]+)");

    private final JdbcClient jdbc;
    private final int port;

    TestData(JdbcClient jdbc, @LocalServerPort int port) {
        this.jdbc = jdbc;
        this.port = port;
        IntegrationTest.Smtp.server();
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    public Api operator() {
        return api().withToken(api().token(OPERATOR_EMAIL, OPERATOR_PASSWORD));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A fresh, unique e-mail address. */
    public static String email(String who) {
        return who + "." + SEQ.incrementAndGet() + "."
                + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
    }

    public record Org(UUID id, String accountNumber, String ownerEmail, Api owner) {}

    /** An active organisation with an active Owner (created by the operator, activated through the mailed link). */
    public Org organization(String name) {
        return withActiveOwner(operator(), name, "Olive", "Owner", email("owner"));
    }

    /** An active sub-organisation of {@code parent}, made through the parent's Owner, with its own active Owner. */
    public Org subOrganization(Org parent, String name) {
        return withActiveOwner(parent.owner(), name, "Sam", "Sub", email("subowner"));
    }

    private Org withActiveOwner(Api creator, String name, String first, String last, String ownerEmail) {
        var created = creator.post(
                "/api/v1/organizations",
                Map.of("name", name, "owner", Map.of("firstName", first, "lastName", last, "email", ownerEmail)));
        created.expect(201);
        activate(ownerEmail, PASSWORD);
        UUID id = UUID.fromString(created.json().get("id").asString());
        return new Org(id, created.json().get("accountNumber").asString(), ownerEmail, login(ownerEmail));
    }

    /** A console session signed in with the e-mail address and password. */
    public ConsoleSession console(String email, String password) {
        var session = new ConsoleSession(baseUrl());
        session.signIn(email, password);
        return session;
    }

    /** An API user of the organisation, signed in with its client credentials. */
    public Api apiUser(Org org, String clientIdSuffix) {
        String secret = "machine-secret-" + SEQ.incrementAndGet() + "-x";
        var created = org.owner()
                .post(
                        "/api/v1/users",
                        Map.of("role", "API_USER", "clientIdSuffix", clientIdSuffix, "clientSecret", secret));
        created.expect(201);
        return api().withToken(api().token(created.json().get("clientId").asString(), secret));
    }

    /**
     * Creates a user of the role through {@code creator}, activates it, and answers its id. A Group user is saved
     * with a SIM group of its own, empty, made for it (a Group user has at least one group).
     */
    public UUID activeUser(Api creator, String role, String email) {
        Map<String, Object> body =
                new java.util.HashMap<>(Map.of("firstName", "Test", "lastName", role, "email", email, "role", role));
        if (role.equals("GROUP_USER")) {
            String group = creator.post("/api/v1/groups", Map.of("name", "Group of " + email))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            body.put("groupIds", java.util.List.of(group));
        }
        var created = creator.post("/api/v1/users", body);
        created.expect(201);
        activate(email, PASSWORD);
        return UUID.fromString(created.json().get("id").asString());
    }

    public Api login(String email) {
        return api().withToken(api().token(email, PASSWORD));
    }

    public void activate(String email, String password) {
        String token = linkToken(email, "activate");
        api().post("/api/v1/activation", Map.of("token", token, "password", password))
                .expect(200);
    }

    /** The token of the newest link of this kind mailed to the address, waiting for delivery if need be. */
    public String linkToken(String email, String kind) {
        return latestLink(email, kind, null).group(2);
    }

    public String linkUrl(String email, String kind) {
        return latestLink(email, kind, null).group(0);
    }

    /** Waits for a mail to arrive after {@code after} mails to that address. */
    public String linkTokenAfter(String email, String kind, int after) {
        return latestLink(email, kind, after).group(2);
    }

    /** Waits until at least {@code count} mails to the address have arrived, and answers how many there are. */
    public int awaitMailCount(String email, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (mailCount(email) < count && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        return mailCount(email);
    }

    public int mailCount(String email) {
        return messagesTo(email).length;
    }

    private Matcher latestLink(String email, String kind, Integer after) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            MimeMessage[] mails = messagesTo(email);
            if (after == null || mails.length > after) {
                for (int i = mails.length - 1; i >= 0; i--) {
                    Matcher m = LINK.matcher(GreenMailUtil.getBody(mails[i]).replace("=\r\n", ""));
                    // a customer's link goes to the organisation's app address: /app/<address>/set-password
                    if (m.find()
                            && m.group(1)
                                    .replaceFirst("^app/[a-z0-9-]+/", "app/")
                                    .equals(kind)) {
                        return m;
                    }
                }
            }
            sleep(100);
        }
        throw new AssertionError("No " + kind + " link mailed to " + email);
    }

    private static MimeMessage[] messagesTo(String email) {
        return Arrays.stream(IntegrationTest.Smtp.server().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equalsIgnoreCase(email));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
