package io.iotconsole.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The answers' records are null-marked: a component not marked {@link Nullable} is always present, so it is listed
 * as {@code required} in its schema. Derived from the types, so that a new record is described truthfully as is.
 */
@Component
class RequiredComponents implements ModelConverter {
    @Override
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        Class<?> raw = raw(type);
        if (resolved == null || raw == null || !raw.isRecord()) {
            return resolved;
        }
        Schema model = resolved.get$ref() != null && resolved.getProperties() == null
                ? context.getDefinedModels().get(resolved.get$ref().replace("#/components/schemas/", ""))
                : resolved;
        if (model != null && model.getProperties() != null) {
            List<String> required = new ArrayList<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                if (model.getProperties().containsKey(c.getName())
                        && !c.getAnnotatedType().isAnnotationPresent(Nullable.class)
                        && !c.isAnnotationPresent(Nullable.class)) {
                    required.add(c.getName());
                }
            }
            model.setRequired(required.isEmpty() ? null : required);
        }
        return resolved;
    }

    private static @Nullable Class<?> raw(AnnotatedType type) {
        if (type.getType() instanceof Class<?> c) {
            return c;
        }
        if (type.getType() instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        if (type.getType() instanceof JavaType j) {
            return j.getRawClass();
        }
        return Json.mapper().constructType(type.getType()).getRawClass();
    }
}
