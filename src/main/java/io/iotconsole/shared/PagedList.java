package io.iotconsole.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API list handler that reads {@code page} and {@code size} through {@link Paging} (and {@code sort} when
 * {@link #sort()} says how it sorts). The OpenAPI document declares those query parameters from this one annotation,
 * so that every list describes its paging the same way.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PagedList {
    /** The page size when none is asked for. */
    int defaultSize() default 50;

    /** The sort keys the list takes and its default order; empty when the list does not sort. */
    String sort() default "";
}
