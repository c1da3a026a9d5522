package io.iotconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * Where a console session stands with the second factor, kept in the (shared) session. A password alone opens a
 * session that, while a code is owed ({@link State#CHALLENGE}) or a factor must first be enrolled ({@link
 * State#ENROL}), reaches nothing but that step; {@link SecondFactorFilter} holds it there.
 */
public final class SecondFactorSession {
    static final String ATTRIBUTE = "console.secondFactor";

    public enum State {
        /** The password was right; the second factor is owed. */
        CHALLENGE,
        /** The organisation requires a second factor and the user has none: enrolment first. */
        ENROL,
        /** Both factors proven (a passkey proves both). */
        DONE
    }

    private SecondFactorSession() {}

    public static @Nullable State state(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (State) session.getAttribute(ATTRIBUTE);
    }

    static void set(HttpServletRequest request, State state) {
        request.getSession(true).setAttribute(ATTRIBUTE, state);
    }

    /** The second factor was proven: the session gets a new id, as after any sign-in, and is let through. */
    public static void verified(HttpServletRequest request) {
        request.changeSessionId();
        set(request, State.DONE);
    }
}
