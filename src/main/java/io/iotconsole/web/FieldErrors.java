package io.iotconsole.web;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Ties a form's field errors to their inputs, for every console form the same way: the message is rendered by the
 * {@code field-error :: error(errors, 'field')} fragment with the id {@code field-error}, and the input carries
 * {@code th:aria-invalid="${#fieldErrors.invalid(errors, 'field')}"} and
 * {@code th:aria-describedby="${#fieldErrors.describedBy(errors, 'field')}"}, both absent when the field is right.
 * An expression object rather than a bean, because Thymeleaf refuses bean references in such attributes.
 */
public final class FieldErrors {
    private static final FieldErrors INSTANCE = new FieldErrors();

    private FieldErrors() {}

    /** "true" when the field has an error, otherwise null (Thymeleaf then leaves the attribute out). */
    public @Nullable String invalid(@Nullable Map<String, ?> errors, String field) {
        return has(errors, field) ? "true" : null;
    }

    /** The id of the field's error message when it has one, otherwise null. */
    public @Nullable String describedBy(@Nullable Map<String, ?> errors, String field) {
        return has(errors, field) ? id(field) : null;
    }

    /** The id of a field's error message. */
    public String id(String field) {
        return field + "-error";
    }

    private static boolean has(@Nullable Map<String, ?> errors, String field) {
        return errors != null && errors.get(field) != null;
    }

    /** Makes {@code #fieldErrors} known to the console's templates. */
    @Component
    static class Dialect extends AbstractDialect implements IExpressionObjectDialect {
        Dialect() {
            super("fieldErrors");
        }

        @Override
        public IExpressionObjectFactory getExpressionObjectFactory() {
            return new IExpressionObjectFactory() {
                @Override
                public Set<String> getAllExpressionObjectNames() {
                    return Set.of("fieldErrors");
                }

                @Override
                public Object buildObject(IExpressionContext context, String expressionObjectName) {
                    return INSTANCE;
                }

                @Override
                public boolean isCacheable(String expressionObjectName) {
                    return true;
                }
            };
        }
    }
}
