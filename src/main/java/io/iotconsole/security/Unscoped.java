package io.iotconsole.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method that does not take a {@link TenantScope}, and says why: work the product does on its own
 * behalf (sign-in by a secret's hash, the outbox, counters kept by a use case), or a table that holds no
 * organisation's data. Everything else a repository offers takes the caller's scope; an architecture test holds it so.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Unscoped {
    /** Why this method needs no tenant scope. */
    String value();
}
