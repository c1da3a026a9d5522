package io.iotconsole.shared;

/** Page number and size as asked, clamped to what the console serves. */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 200;

    public Paging {
        page = Math.max(page, 0);
        size = size <= 0 ? 25 : Math.min(size, MAX_SIZE);
    }

    /** From the {@code page} and {@code size} query parameters (as the API's lists default: page 0 of 50 when not given or not a number). */
    public static Paging of(jakarta.servlet.http.HttpServletRequest request) {
        return new Paging(number(request.getParameter("page"), 0), number(request.getParameter("size"), 50));
    }

    private static int number(@org.jspecify.annotations.Nullable String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    public int offset() {
        return page * size;
    }
}
