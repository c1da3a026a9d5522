package io.iotconsole.web;

import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.TextFields;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Input is taken as sent or refused, never bent into shape. JSON: a number or boolean where text is expected is
 * refused (and text, a fraction or a boolean where a whole number is), as are unknown fields (a misspelt field would
 * otherwise be silently ignored) and anything after the JSON value. Every text field of every JSON body then passes
 * {@link TextFields} before the controller sees it, so a refused request writes nothing (the record of a form is
 * checked by its use case, together with its other problems). Query parameters of page and list requests pass the
 * same rule. Forms are checked by their use cases, which name each field on the form.
 */
@Configuration(proxyBeanMethods = false)
class StrictInput implements WebMvcConfigurer {
    /** The longest query parameter a list or page takes (a search, a filter, a link's token). */
    static final int MAX_QUERY_PARAMETER = 1000;

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"quantity": 1, "quantity": 2} says two things: refused, not the last one taken
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new QueryParameters());
    }

    /** Every JSON body's text fields, checked before the controller runs: all problems at once, by field. */
    @ControllerAdvice
    static class JsonBodies extends RequestBodyAdviceAdapter {
        @Override
        public boolean supports(
                MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object afterBodyRead(
                Object body,
                HttpInputMessage inputMessage,
                MethodParameter parameter,
                Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            if (!(body instanceof TextFields.CheckedByUseCase)) {
                TextFields.check(body);
            }
            return body;
        }
    }

    /**
     * The query parameters of a page or list ({@code GET}): no control characters but line breaks and tabs, at most
     * {@value #MAX_QUERY_PARAMETER} characters. A form's fields are its use case's to check, so that the form can
     * show them with what was typed.
     */
    static final class QueryParameters implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod)
                    || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                return true;
            }
            List<FieldProblem> problems = new ArrayList<>();
            for (Map.Entry<String, String[]> parameter :
                    request.getParameterMap().entrySet()) {
                for (String value : parameter.getValue()) {
                    // a search may hold a pasted line break (it then matches nothing); other control characters not
                    String problem = TextFields.problem(value, MAX_QUERY_PARAMETER, true);
                    if (problem != null) {
                        problems.add(new FieldProblem(parameter.getKey(), problem));
                        break;
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return true;
        }
    }
    /**
     * JSON only: the YAML, CBOR and Smile converters that libraries bring onto the class path would read bodies
     * past the JSON checks above (unknown fields ignored) and answer in shapes the contract does not describe;
     * without them such a body answers 415 and such an Accept 406.
     */
    @Override
    public void configureMessageConverters(
            org.springframework.http.converter.HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters ->
                converters.removeIf(c -> c.getSupportedMediaTypes().stream()
                        .anyMatch(t -> t.getSubtype().contains("yaml")
                                || t.getSubtype().contains("cbor")
                                || t.getSubtype().contains("smile"))));
    }
}
