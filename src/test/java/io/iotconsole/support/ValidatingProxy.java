package io.iotconsole.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP proxy in front of the console that checks every request and answer passing through against the OpenAPI
 * document (swagger-request-validator): an answer whose body, status or media type the document does not declare,
 * or a property no schema names, is recorded in {@link #problems()}. Clients point at {@link #baseUrl()}.
 */
public final class ValidatingProxy implements AutoCloseable {
    private static final Set<String> FORWARDED = Set.of("authorization", "content-type", "accept");
    private static final Set<String> RETURNED =
            Set.of("content-type", "location", "content-disposition", "retry-after");
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final OpenApiInteractionValidator validator;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> exchanges = new CopyOnWriteArrayList<>();

    public ValidatingProxy(String target, String document) throws IOException {
        this.target = target;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .withLevel("validation.response.body.missing", ValidationReport.Level.ERROR)
                        // the token endpoint's client authentication is checked by the console itself
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Each answer (or request) the document does not describe, with the exchange it came from. */
    public List<String> problems() {
        return problems;
    }

    /** {@code METHOD path status} of every exchange, in order. */
    public List<String> exchanges() {
        return exchanges;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            var request = HttpRequest.newBuilder(URI.create(
                            target + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            check(exchange, uri, body, answer);
            answer.headers().map().forEach((name, values) -> {
                if (RETURNED.contains(name.toLowerCase())) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    private void check(HttpExchange exchange, URI uri, byte[] body, HttpResponse<byte[]> answer) {
        String method = exchange.getRequestMethod();
        String name = method + " " + uri.getPath() + " " + answer.statusCode();
        exchanges.add(name);
        var request = new SimpleRequest.Builder(method, uri.getPath());
        exchange.getRequestHeaders().forEach((h, values) -> request.withHeader(h, values));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        if (body.length > 0) {
            request.withBody(body);
        }
        var response = SimpleResponse.Builder.status(answer.statusCode());
        answer.headers().map().forEach((h, values) -> response.withHeader(h, values));
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (answer.body().length > 0) {
            if (type.startsWith("application/pdf")) {
                response.withBody(answer.body());
            } else {
                response.withBody(new String(answer.body(), StandardCharsets.UTF_8));
            }
        }
        Request built = request.build();
        ValidationReport report = validator.validate(built, response.build());
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> problems.add(name + ": " + m.getKey() + " " + m.getMessage()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
