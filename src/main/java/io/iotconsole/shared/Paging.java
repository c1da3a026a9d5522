package io.iotconsole.shared;

/** Page number and size as asked, clamped to what the console serves. */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 200;

    public Paging {
        page = Math.max(page, 0);
        size = size <= 0 ? 25 : Math.min(size, MAX_SIZE);
    }

    public int offset() {
        return page * size;
    }
}
