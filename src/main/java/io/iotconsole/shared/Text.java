package io.iotconsole.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The limits of a text field of a request: at most {@code max} characters (its column's length), and no control
 * characters, except line breaks and tabs where {@code lines} says they belong (an SMS, an address). A text field
 * without this annotation gets {@link TextFields#DEFAULT_MAX} characters on one line.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {
    int max();

    boolean lines() default false;
}
