package io.iotconsole.web;

import io.iotconsole.shared.SortColumns.Sort;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links of a list page's column headers and pager: the page's own address with one parameter changed and every
 * other filter kept. Sorting or changing the page size goes back to the first page.
 */
public final class ListLinks {
    private final String path;
    private final Map<String, String[]> parameters;

    ListLinks(HttpServletRequest request) {
        this.path = request.getRequestURI();
        this.parameters = request.getParameterMap();
    }

    /** The header link of a column: ascending first, then descending when already sorted by it ascending. */
    public String sortHref(String column, @Nullable Sort current) {
        boolean ascendingNow = current != null && current.name().equals(column) && !current.descending();
        return with("sort", ascendingNow ? "-" + column : column, "page");
    }

    /** {@code aria-sort} of a column header: ascending, descending or none. */
    public String ariaSort(String column, @Nullable Sort current) {
        if (current == null || !current.name().equals(column)) {
            return "none";
        }
        return current.descending() ? "descending" : "ascending";
    }

    /** This page's own address with every parameter kept, for a link that should come back to the list as it is. */
    public String current() {
        return with(null, null, null);
    }

    public String pageHref(int page) {
        return with("page", Integer.toString(page), null);
    }

    /** Every parameter but the page and its size, for the page-size form to send again. */
    public List<Map.Entry<String, String>> kept() {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("size") && !name.equals("_csrf")) {
                for (String value : values) {
                    kept.add(Map.entry(name, value));
                }
            }
        });
        return kept;
    }

    private String with(@Nullable String name, @Nullable String value, @Nullable String dropped) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        parameters.forEach((key, values) -> {
            if (!key.equals(name) && !key.equals(dropped) && !key.equals("_csrf")) {
                link.queryParam(key, (Object[]) values);
            }
        });
        if (name != null) {
            link.queryParam(name, value);
        }
        return link.encode().build().toUriString();
    }
}
