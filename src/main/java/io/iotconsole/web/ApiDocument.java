package io.iotconsole.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Management API's OpenAPI document ({@code /v3/api-docs}): its title, security schemes, the one Problem schema
 * of every error answer, a tag per area (the first path segment after {@code /api/v1}), and the media types that are
 * not JSON (CSV, PDF) described as text or bytes. Each operation's own part is {@link ApiOperations}'.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {
    static final String TOKEN_PATH = "/api/v1/oauth/token";

    @Bean
    OpenAPI managementApi() {
        // each enum is one named schema (Role, SimState, ...), shared by every answer that carries it
        io.swagger.v3.core.jackson.ModelResolver.enumsAsRef = true;
        return new OpenAPI()
                .info(new Info()
                        .title("IoT Console Management API")
                        .version("v1")
                        .description("Organisations, users, SIMs, SIM groups and transfers, orders, customers and"
                                + " the audit log of an IoT Console installation, and the customer app's JSON API."
                                + " Get a bearer token from " + TOKEN_PATH + " (OAuth2 client credentials: HTTP Basic"
                                + " with an API user's client_id:client_secret, or an Owner's e-mail:password)."
                                + " Errors are application/problem+json (RFC 9457); invalid input names each field"
                                + " in errors. Lists take page and size and answer {items, total}."))
                .addServersItem(new Server().url("/").description("this installation"))
                .components(new Components()
                        .addSecuritySchemes(
                                ApiOperations.OAUTH2,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("OAuth2 client credentials; the token is sent as a bearer token")
                                        .flows(new OAuthFlows()
                                                .clientCredentials(new OAuthFlow()
                                                        .tokenUrl(TOKEN_PATH)
                                                        .scopes(new io.swagger.v3.oas.models.security.Scopes()))))
                        .addSecuritySchemes(
                                ApiOperations.BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("an access_token from " + TOKEN_PATH))
                        .addSecuritySchemes(
                                TokenEndpoint.CLIENT_BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("client_id:client_secret, or an Owner's or the operator's"
                                                + " e-mail:password"))
                        .addSecuritySchemes(
                                ApiOperations.CUSTOMER_APP,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("a customer's token from /app/api/v1/login"))
                        .addSchemas("Problem", problem())
                        .addSchemas("InputError", inputError()));
    }

    /** RFC 9457 with the console's {@code errors} and, for a SIM action the network refused, its reason. */
    private static Schema<?> problem() {
        return new Schema<>()
                .type("object")
                .description("An error (RFC 9457)")
                .addProperty("type", new StringSchema().description("a URI naming the kind of problem"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/InputError"))
                                .description("each invalid field, or a file's row and column"))
                .addProperty("networkReason", new StringSchema().description("why the network refused a SIM action"))
                .addRequiredItem("status")
                .addRequiredItem("title")
                .additionalProperties(Boolean.TRUE);
    }

    /** One entry of {@code errors}: {@link io.iotconsole.shared.InputError}. */
    private static Schema<?> inputError() {
        return new Schema<>()
                .type("object")
                .description("an invalid field, or a file's row (the header is row 1) and column")
                .addProperty("field", new StringSchema())
                .addProperty("row", new IntegerSchema())
                .addProperty("column", new StringSchema())
                .addProperty("message", new StringSchema())
                .addRequiredItem("message");
    }

    @Bean
    OpenApiCustomizer managementApiDocument() {
        return openApi -> {
            TokenEndpoint.describe(openApi);
            var tags = new TreeSet<String>();
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        String tag = area(path);
                        operation.setTags(new java.util.ArrayList<>(java.util.List.of(tag)));
                        tags.add(tag);
                        MediaTypes.describe(operation);
                    }));
            openApi.setTags(tags.stream().map(t -> new Tag().name(t)).toList());
            openApi.setPaths(sorted(openApi.getPaths()));
        };
    }

    /** The area of the API a path belongs to: its first segment after the version (the customer app apart). */
    static String area(String path) {
        if (path.startsWith("/app/")) {
            return "customer-app";
        }
        String rest = path.replaceFirst("^/api/v1/", "");
        String first = rest.split("/", 2)[0];
        return switch (first) {
            case "oauth" -> "authentication";
            case "me", "activation", "password-reset" -> "users";
            case "groups" -> "sims";
            default -> first;
        };
    }

    private static io.swagger.v3.oas.models.Paths sorted(io.swagger.v3.oas.models.Paths paths) {
        var sorted = new io.swagger.v3.oas.models.Paths();
        new TreeMap<String, PathItem>(paths).forEach(sorted::addPathItem);
        return sorted;
    }

    /** CSV and PDF answers are files, never JSON strings. */
    static final class MediaTypes {
        private MediaTypes() {}

        static void describe(Operation operation) {
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().values().forEach(response -> {
                Content content = response.getContent();
                if (content == null) {
                    return;
                }
                content.forEach((type, media) -> {
                    // a download (a CSV export or template, a PDF invoice): its bytes, as a file
                    if (type.equals("application/pdf") || type.startsWith("text/")) {
                        media.setSchema(new StringSchema().format("binary"));
                    }
                });
            });
        }
    }
}
