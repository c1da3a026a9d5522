package io.iotconsole.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver in the test JVM: an HTTP server on a free loopback port that keeps every request and answers
 * with the status its plan gives the n-th request (1, 2, ...).
 */
final class Receiver implements AutoCloseable {
    record Received(Instant at, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The check a receiver makes: the signature over "id.timestamp.body" with the endpoint's secret. */
        boolean signedWith(String secret) {
            try {
                byte[] key = java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                String signed = header("webhook-id") + "." + header("webhook-timestamp") + "." + body;
                String expected = "v1,"
                        + java.util.Base64.getEncoder()
                                .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
                // the header may list several signatures, space-separated
                return List.of(header("webhook-signature").split(" ")).contains(expected);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    Receiver(IntUnaryOperator statusOfNth) throws IOException {
        this(statusOfNth, "");
    }

    Receiver(IntUnaryOperator statusOfNth, String location) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Instant.now(), headers, body));
            int status = statusOfNth.applyAsInt(count.incrementAndGet());
            if (!location.isEmpty()) {
                exchange.getResponseHeaders().add("Location", location);
            }
            byte[] answer = (status < 300 ? "ok" : "failing on purpose " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    static Receiver answering(int status) throws IOException {
        return new Receiver(n -> status);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Waits until at least {@code n} requests came (at most 20 s) and answers them. */
    List<Received> await(int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (received.size() < n && Instant.now().isBefore(deadline)) {
            io.iotconsole.support.TestData.sleep(50);
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
