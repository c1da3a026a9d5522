package io.iotconsole.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the total number of matches, as the API answers {@code {items, total}}. */
public record PageResult<T>(List<T> items, long total, int page, int size) {
    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), total, page, size);
    }
}
