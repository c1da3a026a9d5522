package io.iotconsole.web;

import io.iotconsole.security.Allow;
import io.iotconsole.shared.PagedList;
import io.iotconsole.shared.Paging;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Each API operation's security, error answers, paging parameters and raw request body, derived from its handler:
 * {@link Allow} says who may call it (and so whether 401 and 403 can answer), {@link PagedList} declares
 * {@code page}, {@code size} and {@code sort}, and a handler that reads a CSV or text body itself gets that body
 * described from its {@code consumes}. A handler added later is described the same way without more annotations.
 */
@Component
class ApiOperations implements OperationCustomizer {
    static final String PROBLEM = "#/components/schemas/Problem";
    static final String BEARER = "bearerToken";
    static final String OAUTH2 = "clientCredentials";
    static final String CUSTOMER_APP = "customerAppToken";
    private static final Set<String> TEXT_BODIES = Set.of("text/csv", "text/plain");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Allow allow = handler.getMethodAnnotation(Allow.class);
        if (allow == null) {
            return operation;
        }
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        paging(operation, handler.getMethodAnnotation(PagedList.class));
        if (operation.getParameters() != null) {
            // a parameter declared only by name and description is text (OpenAPI needs a schema or content)
            operation.getParameters().stream()
                    .filter(p -> p.getSchema() == null && p.getContent() == null)
                    .forEach(p -> p.setSchema(new StringSchema()));
        }
        textBody(operation, mapping);
        security(operation, allow.who());
        errors(operation, allow.who(), mapping, handler);
        return operation;
    }

    private static void security(Operation operation, Allow.Who who) {
        switch (who) {
            case PUBLIC -> operation.setSecurity(List.of());
            case CUSTOMER -> operation.setSecurity(List.of(new SecurityRequirement().addList(CUSTOMER_APP)));
            default ->
                operation.setSecurity(
                        List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(OAUTH2)));
        }
    }

    private static void paging(Operation operation, PagedList paged) {
        if (paged == null) {
            return;
        }
        add(
                operation,
                query(
                        "page",
                        "the page, from 0",
                        new IntegerSchema().minimum(BigDecimal.ZERO)._default(0)));
        add(
                operation,
                query(
                        "size",
                        "items a page, 1 to " + Paging.MAX_SIZE,
                        new IntegerSchema()
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(Paging.MAX_SIZE))
                                ._default(paged.defaultSize())));
        if (!paged.sort().isEmpty()) {
            add(operation, query("sort", paged.sort(), new StringSchema()));
        }
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).description(description).schema(schema);
    }

    private static void add(Operation operation, Parameter parameter) {
        if (operation.getParameters() == null) {
            operation.setParameters(new ArrayList<>());
        }
        operation.getParameters().removeIf(p -> p.getName().equals(parameter.getName()));
        operation.getParameters().add(parameter);
    }

    /** A handler reading its body as a stream is invisible to springdoc; its {@code consumes} tells what it reads. */
    private static void textBody(Operation operation, RequestMapping mapping) {
        if (mapping == null) {
            return;
        }
        List<String> text =
                Arrays.stream(mapping.consumes()).filter(TEXT_BODIES::contains).toList();
        if (text.isEmpty()) {
            return;
        }
        RequestBody body = operation.getRequestBody() != null
                ? operation.getRequestBody()
                : new RequestBody().required(true).content(new Content());
        if (body.getContent() == null) {
            body.setContent(new Content());
        }
        text.forEach(type -> body.getContent().addMediaType(type, new MediaType().schema(new StringSchema())));
        operation.setRequestBody(body);
    }

    private static void errors(Operation operation, Allow.Who who, RequestMapping mapping, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean input = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        boolean changes = mapping != null
                && Stream.of(mapping.method()).anyMatch(m -> !m.name().equals("GET"));
        boolean byId =
                Stream.of(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
        if (input) {
            error(responses, "400", "Invalid input: each field (or a file's row and column) in errors");
        }
        if (who != Allow.Who.PUBLIC) {
            error(responses, "401", "No valid bearer token");
            error(responses, "403", "The caller's role may not do this");
        }
        if (byId) {
            error(responses, "404", "No such object, or one of another organisation");
        }
        if (changes && who != Allow.Who.PUBLIC) {
            error(responses, "409", "The change conflicts with the object's state or with other data");
        }
        if (operation.getRequestBody() != null) {
            error(responses, "413", "The body is larger than the console accepts");
            error(responses, "415", "The body's media type is not one of those listed");
        }
        error(responses, "503", "Busy or too slow; nothing was changed; try again after Retry-After seconds");
        operation.setResponses(responses);
    }

    static void error(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                        new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
    }
}
