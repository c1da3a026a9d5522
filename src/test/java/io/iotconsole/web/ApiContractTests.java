package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.iotconsole.security.Allow;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The Management API's contract: the live document is valid OpenAPI (swagger-parser), every operation is fully
 * described (the expectation of which may be public comes from the handlers' {@link Allow}), no schema has an untyped
 * object, and the committed {@code docs/openapi.json}, from which the tests' client is generated, is the live one.
 */
@IntegrationTest
class ApiContractTests {
    static final Path COMMITTED = Path.of("docs/openapi.json");
    static final Path LIVE_COPY = Path.of("target/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Autowired
    TestData data;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    static OpenAPI parse(String json, List<String> messages) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIParser().readContents(json, null, options);
        if (result.getMessages() != null) {
            messages.addAll(result.getMessages());
        }
        return result.getOpenAPI();
    }

    String live() {
        return data.api().get("/v3/api-docs").expect(200).body();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        List<String> messages = new ArrayList<>();
        OpenAPI api = parse(live(), messages);
        assertThat(messages).isEmpty();
        assertThat(api.getInfo().getTitle()).isEqualTo("IoT Console Management API");
        assertThat(api.getInfo().getVersion()).isEqualTo("v1");
        assertThat(api.getInfo().getDescription()).isNotBlank();
        var oauth = api.getComponents().getSecuritySchemes().get(ApiOperations.OAUTH2);
        assertThat(oauth.getFlows().getClientCredentials().getTokenUrl()).isEqualTo("/api/v1/oauth/token");
        assertThat(api.getComponents()
                        .getSecuritySchemes()
                        .get(ApiOperations.BEARER)
                        .getScheme())
                .isEqualTo("bearer");
    }

    @Test
    void everyOperationIsDescribed() {
        OpenAPI api = parse(live(), new ArrayList<>());
        Map<String, Allow.Who> callers = callers();
        List<String> faults = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    String name = method + " " + path;
                    Allow.Who who = callers.get(name);
                    if (who == null) {
                        faults.add(name + ": no handler with @Allow");
                        return;
                    }
                    describe(name, op, who, ids, faults);
                }));
        api.getComponents().getSchemas().forEach((schemaName, schema) -> untyped(schemaName, schema, faults));
        assertThat(faults).isEmpty();
        assertThat(ids).contains("listSims", "getCustomer", "getMe", "issueToken", "createUser", "listOrganizations");
    }

    private static void describe(String name, Operation op, Allow.Who who, Set<String> ids, List<String> faults) {
        String id = op.getOperationId();
        // a verb and what it acts on (listSims, getCustomer): "get" or "list3" says nothing in a generated client
        if (id == null || !id.matches("[a-z]+[A-Z][A-Za-z]*") || !ids.add(id)) {
            faults.add(name + ": operationId " + id + " is not a unique readable name");
        }
        if (op.getTags() == null || op.getTags().isEmpty()) {
            faults.add(name + ": no tag");
        }
        // a public operation declares none (or, the token endpoint, the client authentication it takes)
        if (op.getSecurity() == null || (op.getSecurity().isEmpty() && who != Allow.Who.PUBLIC)) {
            faults.add(name + ": security " + op.getSecurity() + " for " + who);
        }
        var codes =
                op.getResponses() == null ? Set.<String>of() : op.getResponses().keySet();
        if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
            faults.add(name + ": no success answer");
        }
        if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
            faults.add(name + ": no error answer");
        }
        if (who != Allow.Who.PUBLIC && !codes.containsAll(Set.of("401", "403"))) {
            faults.add(name + ": 401 and 403 undeclared");
        }
        if (op.getParameters() != null) {
            op.getParameters().stream()
                    .filter(p -> p.getSchema() == null && p.getContent() == null)
                    .forEach(p -> faults.add(name + ": parameter " + p.getName() + " has no schema"));
        }
        op.getResponses().forEach((code, response) -> {
            if (response.getContent() != null) {
                response.getContent().forEach((type, media) -> untyped(name + " " + code, media.getSchema(), faults));
            }
        });
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            op.getRequestBody().getContent().forEach((type, media) -> {
                if (media.getSchema() == null) {
                    faults.add(name + ": body " + type + " has no schema");
                }
            });
        }
    }

    /** An object schema with neither properties nor typed values says nothing: the answer would be untyped. */
    @SuppressWarnings("rawtypes")
    private static void untyped(String where, Schema schema, List<String> faults) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        boolean object = "object".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("object"));
        if (object
                && (schema.getProperties() == null || schema.getProperties().isEmpty())
                && !(schema.getAdditionalProperties() instanceof Schema)) {
            faults.add(where + ": untyped object");
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).forEach((p, s) -> untyped(where + "." + p, s, faults));
        }
        if (schema.getItems() != null) {
            untyped(where + "[]", schema.getItems(), faults);
        }
    }

    /** METHOD /path (as the document writes it, without patterns) → who may call its handler. */
    private Map<String, Allow.Who> callers() {
        Map<String, Allow.Who> callers = new HashMap<>();
        handlers.getHandlerMethods().forEach((info, method) -> {
            Allow allow = method.getMethodAnnotation(Allow.class);
            if (allow == null) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                info.getMethodsCondition().getMethods().forEach(m -> callers.put(m.name() + " " + path, allow.who()));
            }
        });
        return callers;
    }

    /**
     * The client the tests drive the API with is generated from the committed document; it must be the live one. On
     * a difference the live document is written to target/openapi.json: review it and copy it to docs/openapi.json.
     */
    @Test
    void theCommittedDocumentIsTheLiveOne() throws Exception {
        JsonNode live = JSON.readTree(live());
        Files.createDirectories(LIVE_COPY.getParent());
        Files.writeString(LIVE_COPY, JSON.writeValueAsString(sortedValue(live)) + "\n");
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        assertThat(committed.equals(live))
                .as("docs/openapi.json differs from /v3/api-docs; the live one is in target/openapi.json")
                .isTrue();
    }

    private static Object sortedValue(JsonNode node) {
        if (node.isObject()) {
            var map = new java.util.TreeMap<String, Object>();
            node.properties().forEach(e -> map.put(e.getKey(), sortedValue(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(sortedValue(n)));
            return list;
        }
        return node;
    }
}
