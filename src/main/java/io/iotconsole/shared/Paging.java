package io.iotconsole.shared;

import org.jspecify.annotations.Nullable;

/** Page number and size as asked, clamped to what the console serves. */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 200;
    /** Far past any real list, and low enough that {@link #offset()} cannot overflow. */
    public static final int MAX_PAGE = 10_000_000;

    public Paging {
        page = Math.min(Math.max(page, 0), MAX_PAGE);
        size = size <= 0 ? 25 : Math.min(size, MAX_SIZE);
    }

    /**
     * From the {@code page} and {@code size} query parameters of an API list (page 0 of 50 when not given); a value
     * that is not a whole number in range is a 400 naming the parameter.
     */
    public static Paging of(jakarta.servlet.http.HttpServletRequest request) {
        return of(request, 50);
    }

    /** As {@link #of(jakarta.servlet.http.HttpServletRequest)}, with another default size. */
    public static Paging of(jakarta.servlet.http.HttpServletRequest request, int defaultSize) {
        return new Paging(
                number(request.getParameter("page"), "page", 0, 0, MAX_PAGE),
                number(request.getParameter("size"), "size", defaultSize, 1, MAX_SIZE));
    }

    private static int number(@Nullable String value, String name, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "Expected a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw InvalidInputException.of(name, "Expected a whole number from " + min + " to " + max);
        }
        return n;
    }

    public int offset() {
        return page * size;
    }
}
