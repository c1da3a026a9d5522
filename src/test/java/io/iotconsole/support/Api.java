package io.iotconsole.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of the Management API over real HTTP, holding a bearer token. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String base;
    private final String token;

    Api(String base) {
        this(base, null);
    }

    public static Api at(String base) {
        return new Api(base);
    }

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Api withToken(String token) {
        return new Api(base, token);
    }

    public String token(String login, String password) {
        Response r = tokenResponse(login, password);
        r.expect(200);
        return r.json().get("access_token").asString();
    }

    public Response tokenResponse(String login, String password) {
        String basic = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response patch(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response raw(String method, String path, String contentType, String body) {
        return send(request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response raw(String method, String path, String contentType, byte[] body) {
        return send(request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A binary answer (a PDF, say), with its headers. */
    public record Download(int status, byte[] body, String contentType, String disposition) {}

    public Download download(String path) {
        try {
            HttpResponse<byte[]> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Content-Disposition").orElse(""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String contentType) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Response expect(int expected) {
            assertThat(status).as("HTTP status; body: %s", body).isEqualTo(expected);
            return this;
        }

        /** The message of the problem's error for this field, or null. */
        public String fieldError(String field) {
            for (JsonNode e : json().path("errors")) {
                if (field.equals(e.path("field").asString())) {
                    return e.path("message").asString();
                }
            }
            return null;
        }
    }
}
