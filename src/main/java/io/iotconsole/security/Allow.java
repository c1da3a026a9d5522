package io.iotconsole.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a handler method: the policy of every console page, Management API operation and customer app page,
 * declared where the handler is. {@link HandlerAccess} enforces it before the handler runs (403 when the role lacks
 * the permission, 401 or the sign-in page when nobody is signed in); every handler method of the console carries
 * one, or the console refuses to start. Objects of another organisation are the handlers' (and their services')
 * business: 404.
 *
 * <pre>
 * &#64;Allow(Permission.SIM_VIEW)                                    // holders of sim.view (and the operator)
 * &#64;Allow({Permission.USER_MANAGE_ADMIN, Permission.USER_MANAGE_STANDARD}) // any of several
 * &#64;Allow(who = Allow.Who.PUBLIC)                                   // sign-in, links, sign-up
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Allow {
    /** The permissions of which the caller must hold at least one; only with {@link Who#PERMISSION}. */
    Permission[] value() default {};

    Who who() default Who.PERMISSION;

    /** The kinds of callers a handler is for. */
    enum Who {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in console user or Management API caller, whatever the role. */
        SIGNED_IN,
        /** Console users and API callers holding one of {@link Allow#value()}; the platform operator holds all. */
        PERMISSION,
        /** The platform operator only. */
        OPERATOR,
        /** A customer signed in to the customer app (their own session, or remote assistance). */
        CUSTOMER
    }
}
