package io.iotconsole.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;

/**
 * The token endpoint as OAuth2 describes it (RFC 6749 section 4.4): HTTP Basic client authentication as its security
 * scheme (not a header parameter), the form body {@code grant_type=client_credentials}, the token answer, and the
 * section 5.2 error answers. The handler reads the header and form itself, so springdoc cannot see them.
 */
final class TokenEndpoint {
    static final String CLIENT_BASIC = "clientBasic";

    private TokenEndpoint() {}

    static void describe(OpenAPI openApi) {
        PathItem item = openApi.getPaths().get(ApiDocument.TOKEN_PATH);
        if (item == null || item.getPost() == null) {
            return;
        }
        openApi.getComponents().addSchemas("TokenResponse", tokenResponse());
        openApi.getComponents().addSchemas("OAuthError", oauthError());
        Operation op = item.getPost();
        op.setOperationId("issueToken");
        op.setSummary("Get a bearer token (OAuth2 client credentials)");
        op.setParameters(null);
        // HTTP Basic (client_secret_basic), or client_id and client_secret in the form (client_secret_post)
        op.setSecurity(List.of(new SecurityRequirement().addList(CLIENT_BASIC), new SecurityRequirement()));
        op.setRequestBody(new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType(
                                "application/x-www-form-urlencoded",
                                new MediaType()
                                        .schema(new ObjectSchema()
                                                .addProperty(
                                                        "grant_type",
                                                        new StringSchema()._enum(List.of("client_credentials")))
                                                .addProperty(
                                                        "scope",
                                                        new StringSchema()
                                                                .description(
                                                                        "space-separated scopes; without it, every scope of the client"))
                                                .addProperty(
                                                        "client_id",
                                                        new StringSchema()
                                                                .description(
                                                                        "client_secret_post, instead of HTTP Basic"))
                                                .addProperty(
                                                        "client_secret",
                                                        new StringSchema()
                                                                .description(
                                                                        "client_secret_post, instead of HTTP Basic"))
                                                .addRequiredItem("grant_type")))));
        op.setResponses(new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("the token")
                                .content(json(new Schema<>().$ref("#/components/schemas/TokenResponse"))))
                .addApiResponse(
                        "400",
                        oauthError("invalid_request, unsupported_grant_type (not client_credentials) or invalid_scope"))
                .addApiResponse("401", oauthError("wrong client credentials (invalid_client)")));
        ApiOperations.error(op.getResponses(), "503", "Busy; try again after Retry-After seconds");
    }

    private static Schema<?> tokenResponse() {
        return new ObjectSchema()
                .addProperty("access_token", new StringSchema())
                .addProperty("token_type", new StringSchema().example("Bearer"))
                .addProperty("expires_in", new IntegerSchema().format("int64").description("seconds"))
                .addProperty("scope", new StringSchema().description("the granted scopes, space-separated"))
                .required(List.of("access_token", "token_type", "expires_in", "scope"));
    }

    private static Schema<?> oauthError() {
        return new ObjectSchema()
                .description("RFC 6749 section 5.2")
                .addProperty("error", new StringSchema())
                .addProperty("error_description", new StringSchema())
                .required(List.of("error"))
                .additionalProperties(Boolean.TRUE);
    }

    private static ApiResponse oauthError(String description) {
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/OAuthError");
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType("application/json", new MediaType().schema(ref))
                        .addMediaType("application/problem+json", new MediaType().schema(ref)));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }
}
