package io.iotconsole.mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Where links in mails point: {@code CONSOLE_BASE_URL}, or this instance's own address when none is configured. */
@Component
public class MailLinks {
    private final String configuredBaseUrl;
    private final Environment environment;

    MailLinks(@Value("${console.base-url:}") String configuredBaseUrl, Environment environment) {
        this.configuredBaseUrl = configuredBaseUrl.endsWith("/")
                ? configuredBaseUrl.substring(0, configuredBaseUrl.length() - 1)
                : configuredBaseUrl;
        this.environment = environment;
    }

    public String baseUrl() {
        if (!configuredBaseUrl.isBlank()) {
            return configuredBaseUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }
}
