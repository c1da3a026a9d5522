package io.iotconsole.security;

import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Work whose cost would tell an anonymous caller something (whether an address belongs to an account: a reset
 * link and its mail are written for known addresses only) is done after the answer: it starts once the request is
 * complete (its page rendered), a moment later, on a small pool of its own, so that neither the answer's time nor
 * the rendering of its page depends on it. The caller's source address goes with it, for the audit log.
 */
@Component
public class AfterAnswer {
    static final int MAX_WAITING = 10_000;
    static final long DELAY_MILLIS = 20;
    private static final Logger log = LoggerFactory.getLogger(AfterAnswer.class);
    private static final ThreadLocal<@Nullable String> SOURCE_ADDRESS = new ThreadLocal<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledThreadPoolExecutor pool =
            new ScheduledThreadPoolExecutor(2, new CustomizableThreadFactory("after-answer-"));

    AfterAnswer() {
        pool.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code work} after the current request's answer; {@code what} names it in the log should it fail. */
    public void run(String what, Runnable work) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String address = request instanceof ServletRequestAttributes attrs
                ? attrs.getRequest().getRemoteAddr()
                : null;
        Runnable start = () -> schedule(what, work, address);
        if (request != null) {
            request.registerDestructionCallback(
                    AfterAnswer.class.getName() + "." + sequence.incrementAndGet(),
                    start,
                    RequestAttributes.SCOPE_REQUEST);
        } else {
            start.run();
        }
    }

    private void schedule(String what, Runnable work, @Nullable String address) {
        // bounded: a flood of anonymous requests cannot fill the memory; beyond it work is dropped, and logged
        if (pool.getQueue().size() >= MAX_WAITING || pool.isShutdown()) {
            log.warn("{} dropped: too much work waiting", what);
            return;
        }
        pool.schedule(
                () -> {
                    SOURCE_ADDRESS.set(address);
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        log.warn("{} failed", what, e);
                    } finally {
                        SOURCE_ADDRESS.remove();
                    }
                },
                DELAY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The source address of the request whose work runs on this thread, if any. */
    public static Optional<String> sourceAddress() {
        return Optional.ofNullable(SOURCE_ADDRESS.get());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
