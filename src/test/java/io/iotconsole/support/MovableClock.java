package io.iotconsole.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's clock in tests: the real time, moved forward as far as a test asks, and back afterwards. */
public class MovableClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    public void moveAhead(Duration by) {
        ahead = by;
    }

    /** Moves the clock further ahead by the given amount. */
    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    /** Replaces the console's clock in every test context (it runs on time until a test moves it). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    /**
     * Dormancy on for the one organisation only while a test moves the clock far ahead (the other tests' users share
     * the database); the returned action puts the others back.
     */
    public static Runnable dormancyOnlyFor(JdbcClient jdbc, UUID organizationId) {
        List<UUID> others = jdbc.sql("SELECT id FROM organization WHERE id <> :id AND dormant_after_days IS NOT NULL")
                .param("id", organizationId)
                .query(UUID.class)
                .list();
        jdbc.sql("UPDATE organization SET dormant_after_days = NULL WHERE id <> :id")
                .param("id", organizationId)
                .update();
        return () -> {
            if (!others.isEmpty()) {
                jdbc.sql("UPDATE organization SET dormant_after_days = 90 WHERE id IN (:ids)")
                        .param("ids", others)
                        .update();
            }
        };
    }
}
