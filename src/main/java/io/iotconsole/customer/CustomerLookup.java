package io.iotconsole.customer;

import java.util.List;

/**
 * A page of the customer lookup. When {@code totalExact} is true, {@code total} is the number of customers that
 * match; when it is false, more than {@code total} match (the lookup stops counting past its cap, and asks for more
 * letters), and the page is still a page of matching customers in the order asked. {@code hasNext} tells whether a
 * further page holds matches, past the cap too.
 */
public record CustomerLookup(
        List<Customer> items, long total, boolean totalExact, int page, int size, boolean hasNext) {

    /** The number of pages, when the total is exact; past the cap, the pages known so far. */
    public int pages() {
        if (!totalExact) {
            return page + (hasNext ? 2 : 1);
        }
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
