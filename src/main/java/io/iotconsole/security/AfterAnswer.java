package io.iotconsole.security;

import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Work whose cost would tell an anonymous caller something (whether an address belongs to an account: a reset
 * link and its mail are written for known addresses only) is done beside the answer, on a small pool of its own,
 * so that the answer takes the same time either way. The caller's source address goes with it, for the audit log.
 */
@Component
public class AfterAnswer {
    private static final Logger log = LoggerFactory.getLogger(AfterAnswer.class);
    private static final ThreadLocal<@Nullable String> SOURCE_ADDRESS = new ThreadLocal<>();
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    AfterAnswer() {
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        // bounded: a flood of anonymous requests cannot fill the memory; beyond it work is dropped, and logged
        executor.setQueueCapacity(10_000);
        executor.setThreadNamePrefix("after-answer-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
    }

    /** Runs {@code work} on the pool; {@code what} names it in the log should it fail or be dropped. */
    public void run(String what, Runnable work) {
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                ? attrs.getRequest().getRemoteAddr()
                : null;
        try {
            executor.execute(() -> {
                SOURCE_ADDRESS.set(address);
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("{} failed", what, e);
                } finally {
                    SOURCE_ADDRESS.remove();
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("{} dropped: too much work waiting", what);
        }
    }

    /** The source address of the request whose work runs on this thread, if any. */
    public static Optional<String> sourceAddress() {
        return Optional.ofNullable(SOURCE_ADDRESS.get());
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
