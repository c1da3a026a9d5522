package io.iotconsole.user;

import io.iotconsole.mail.MailLinks;
import io.iotconsole.mail.OutgoingMail;
import io.iotconsole.organization.Organization;
import org.springframework.stereotype.Component;

/** The text of every mail the user module sends; links point at {@code console.base-url}. */
@Component
class UserMails {
    private final MailLinks links;

    UserMails(MailLinks links) {
        this.links = links;
    }

    private String baseUrl() {
        return links.baseUrl();
    }

    OutgoingMail activation(User user, Organization org, String token, boolean reinvite) {
        String link = baseUrl() + "/activate?token=" + token;
        String intro = reinvite
                ? "your access to the IoT Console account \"%s\" (%s) has been restored."
                : "you have been invited to the IoT Console account \"%s\" (%s) as %s.";
        String body = "Hello " + user.firstName() + ",\n\n"
                + intro.formatted(org.name(), org.accountNumber(), user.role().label()) + "\n\n"
                + "Set your password here to activate your access (the link works once, for 24 hours):\n"
                + link + "\n\nIf you did not expect this mail, ignore it.\n";
        String subject = reinvite ? "Your IoT Console access has been restored" : "You are invited to IoT Console";
        return new OutgoingMail(org.id(), user.email(), subject, body, link);
    }

    OutgoingMail passwordReset(User user, String token) {
        String link = baseUrl() + "/reset-password?token=" + token;
        String body = "Hello " + user.firstName() + ",\n\n"
                + "someone asked to reset the password of your IoT Console account. To choose a new one, open this link"
                + " (it works once, for 1 hour):\n" + link + "\n\n"
                + "If it was not you, ignore this mail: your password stays as it is.\n";
        return new OutgoingMail(user.organizationId(), user.email(), "Reset your IoT Console password", body, link);
    }

    OutgoingMail signupForTakenAddress(String email) {
        String link = baseUrl() + "/forgot-password";
        String body = "Hello,\n\nsomeone tried to sign up for IoT Console with this address, which already has an"
                + " account. If it was you, sign in, or reset your password here:\n" + link + "\n\n"
                + "If it was not you, ignore this mail.\n";
        return new OutgoingMail(null, email, "Sign-up attempt with your address", body, link);
    }

    OutgoingMail dormancyWarning(DormantAccountRepository.Due user, String on) {
        String link = baseUrl() + "/login";
        String body = "Hello " + user.firstName() + ",\n\n"
                + "you have not signed in to the IoT Console account \"" + user.organizationName() + "\" for a long"
                + " time. Your access will be deactivated on " + on + " unless you sign in before then:\n"
                + link + "\n\nOnce deactivated, an Owner or Admin of your organisation can invite you again.\n";
        return new OutgoingMail(
                user.organizationId(),
                user.email(),
                "Your IoT Console access will be deactivated on " + on,
                body,
                link);
    }
}
