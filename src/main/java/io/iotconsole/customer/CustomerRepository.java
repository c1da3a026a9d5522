package io.iotconsole.customer;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import io.iotconsole.shared.SortColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomerRepository {
    private static final String COLUMNS = "id, organization_id, first_name, last_name, email, country_code, phone, "
            + "status, password_hash IS NOT NULL AS has_password, credentials_version, created_at";
    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of the lookup, how many match ({@code total}, counted up to the cap), whether that count is the whole
     * truth ({@code exact}: at most the cap match) and whether a further page holds matches.
     */
    record Found(List<Customer> items, long total, boolean exact, boolean hasNext) {}

    /**
     * The lookup's columns. Every sort ends with the id, so that pages never overlap; with no text each one is served
     * by an index of the organisation's customers in that order (forwards or backwards), whatever their number.
     */
    static final SortColumns SORTS = SortColumns.of(
            "lastName",
            "",
            "lastName",
            "lower(last_name), lower(first_name), id",
            "firstName",
            "lower(first_name), lower(last_name), id",
            "email",
            "lower(email), id",
            "status",
            "status, lower(last_name), lower(first_name), id");

    /**
     * Walking stops after offset + page matches; deeper than this (past 40 pages of 25), walking to the page reads
     * more rows than ordering every match, and the matches are ordered instead.
     */
    static final int WALK_DEPTH = 1_000;

    /**
     * The lookup: every customer whose first name, last name, e-mail or phone contains the text, ignoring case
     * ({@code lookup_text}, the four fields lower-cased, each ended by a separator typed text never holds). Exact: the
     * matches are counted up to {@code cap} + 1 (more than the cap is reported as such, never as a smaller number),
     * and the page is the page of all matches in the chosen order, at any offset, past the cap too.
     *
     * <p>How common the text is decides the plan, one generic plan cannot serve both. In name order, the first
     * customers are tested straight from the index ({@link #prefix}), which settles common text and small
     * organisations, or finds the page while the trigram index counts to the cap + 1; when it holds too few matches
     * for the page, the trigram index gathers up to {@link #GATHERED} matches and orders them. Otherwise the trigram
     * index gathers up to cap + 1 matches (a bitmap of its posting lists, one table row per match); when that many
     * match, the page comes from walking the order's index, which stops after
     * the page, since at least one in every (customers of the organisation) / cap matches. Text too short for a
     * trigram skips the gathering: it walks.
     */
    Found search(TenantScope scope, String q, SortColumns.Sort sort, int offset, int limit, long cap) {
        if (q.isEmpty()) {
            return all(scope, sort, offset, limit, cap);
        }
        String digits = phoneDigits(q);
        Text text = Text.of(q, digits);
        String where = " FROM customer WHERE " + scope.where("organization_id") + " AND " + text.test();
        boolean trigram = hasTrigram(q);
        long probe = cap + 1;
        if (sort.name().equals("lastName") && offset + limit < cap && !likelyRare(q)) {
            Prefix first = prefix(scope, text, sort, offset, limit, cap);
            if (first != null) {
                // the page is among the first customers; when they do not settle the total, it is counted
                long total = first.hits() != null ? first.hits() : count(scope, where, text, trigram, cap);
                return capped(first.items(), total, cap, first.hasNext());
            }
            // few matches among the first customers: rare text, or text common only further on in the order (a
            // part of the names of one letter); gathering every match up to GATHERED and ordering them spares
            // walking the order's index to where they are
            probe = Math.max(probe, GATHERED + 1);
        }
        long total;
        List<Customer> rows = List.of();
        if (trigram) {
            plan(false, true);
            long[] counted = {0};
            rows = jdbc
                    .sql("WITH m AS MATERIALIZED (SELECT " + COLUMNS + where + " LIMIT :probe),"
                            + " n AS (SELECT count(*) AS total FROM m)"
                            + " SELECT n.total, p.* FROM n LEFT JOIN LATERAL (SELECT * FROM m ORDER BY "
                            + sort.orderBy() + " OFFSET :offset LIMIT :limit) p ON true")
                    .params(scope.parameters())
                    .params(text.parameters())
                    .param("probe", probe)
                    .param("offset", offset)
                    .param("limit", limit + 1)
                    .query((rs, n) -> {
                        counted[0] = rs.getLong("total");
                        return rs.getObject("id") == null ? null : map(rs, n);
                    })
                    .list()
                    .stream()
                    .filter(java.util.Objects::nonNull)
                    .toList();
            total = counted[0];
        } else {
            total = count(scope, where, text, false, cap);
        }
        if (total >= probe || !trigram) {
            // common text: walk the order's index, testing each customer's text, until the page is full; deep in
            // its matches, ordering them all costs less than walking to the page
            boolean walk = offset + limit <= WALK_DEPTH;
            plan(walk, !walk);
            rows = jdbc.sql("WITH w AS MATERIALIZED (SELECT id" + where + " ORDER BY " + sort.orderBy()
                            + " OFFSET :offset LIMIT :limit)"
                            + " SELECT " + COLUMNS + " FROM customer WHERE " + scope.where("organization_id")
                            + " AND id IN (SELECT id FROM w) ORDER BY " + sort.orderBy())
                    .params(scope.parameters())
                    .params(text.parameters())
                    .param("offset", offset)
                    .param("limit", limit + 1)
                    .query(CustomerRepository::map)
                    .list();
        }
        boolean hasNext = rows.size() > limit;
        List<Customer> items = hasNext ? rows.subList(0, limit) : rows;
        return capped(items, total, cap, hasNext);
    }

    /** A page and its total, counted up to the cap + 1: past the cap, "more than the cap". */
    private static Found capped(List<Customer> items, long total, long cap, boolean hasNext) {
        return total > cap ? new Found(items, cap, false, hasNext) : new Found(items, total, true, hasNext);
    }

    /** How many customers match, up to the cap + 1: through the trigram index, or walking when the text has none. */
    private long count(TenantScope scope, String where, Text text, boolean trigram, long cap) {
        plan(!trigram, trigram);
        return jdbc.sql("SELECT count(*) FROM (SELECT 1" + where + " LIMIT :probe) c")
                .params(scope.parameters())
                .params(text.parameters())
                .param("probe", cap + 1)
                .query(Long.class)
                .single();
    }

    /**
     * After a name-order prefix with too few matches for the page, the trigram index gathers up to this many
     * matches to order them, rather than the cap: text matched by a few thousand customers whose names sort after the
     * prefix (a part of names beginning with one letter) is then paged without walking the index up to them.
     */
    static final int GATHERED = 10_000;

    /**
     * The page the name-order prefix found, and how many matches it holds when that settles the total (every
     * customer tested, or more than the cap); null when the total is still to be counted.
     */
    private record Prefix(
            List<Customer> items,
            boolean hasNext,
            @org.jspecify.annotations.Nullable Long hits) {}

    /**
     * The first customers in name order, tested one after the other straight from the name index, which carries
     * their text: whatever the text, this costs the same few milliseconds. It answers on its own when it reached the
     * end of the organisation's customers (every match is among them: an exact total), or when more than the cap and
     * the page are among them (common text). When only the page is among them, it answers the page and leaves the
     * total to be counted; otherwise null: the text is rarer, and the trigram index finds it.
     */
    private @org.jspecify.annotations.Nullable Prefix prefix(
            TenantScope scope, Text text, SortColumns.Sort sort, int offset, int limit, long cap) {
        plan(true, false);
        long[] counts = {0, 0};
        UUID[][] page = {new UUID[0]};
        // the subquery hands its rows to the aggregates in the index's order, so the array holds the matches in order;
        // the slice's colon stands apart, or it would read as a named parameter
        jdbc.sql("SELECT count(*) AS walked, count(*) FILTER (WHERE hit) AS hits,"
                        + " (array_agg(id) FILTER (WHERE hit))[" + (offset + 1) + " : " + (offset + limit + 1)
                        + "] AS page"
                        + " FROM (SELECT id, " + text.test() + " AS hit FROM customer WHERE "
                        + scope.where("organization_id")
                        + " ORDER BY " + sort.orderBy() + " LIMIT :budget) s")
                .params(scope.parameters())
                .params(text.parameters())
                .param("budget", prefix)
                .query((rs, n) -> {
                    counts[0] = rs.getLong("walked");
                    counts[1] = rs.getLong("hits");
                    java.sql.Array ids = rs.getArray("page");
                    page[0] = ids == null ? new UUID[0] : (UUID[]) ids.getArray();
                    return 0;
                })
                .list();
        long walked = counts[0];
        long hits = counts[1];
        if (walked == prefix && hits <= offset + limit) {
            return null;
        }
        List<Customer> rows = page[0].length == 0
                ? List.of()
                : jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + scope.where("organization_id")
                                + " AND id IN (:ids) ORDER BY " + sort.orderBy())
                        .params(scope.parameters())
                        .param("ids", List.of(page[0]))
                        .query(CustomerRepository::map)
                        .list();
        boolean hasNext = rows.size() > limit;
        List<Customer> items = hasNext ? rows.subList(0, limit) : rows;
        // the whole organisation tested, or more than the cap among the first customers: their count is the answer
        boolean settled = walked < prefix || hits > cap;
        return new Prefix(items, hasNext, settled ? hits : null);
    }

    /**
     * Whether the text is unlikely to be common: an e-mail address or part of one with its {@code @}, five digits or
     * more (a phone number), or seven characters or more. Such text goes to the trigram index first, which finds a
     * handful of matches in a few milliseconds, instead of first testing the name-order prefix, which costs ten.
     * Only the order of the attempts depends on this guess: common text that is guessed rare is still counted and
     * paged exactly, by the walk.
     */
    static boolean likelyRare(String q) {
        return q.indexOf('@') >= 0 || q.chars().filter(Character::isDigit).count() >= 5 || q.length() >= 7;
    }

    /**
     * How many customers the name-order prefix tests: a few milliseconds of index reading, and enough to settle text
     * matched by one customer in 25 or more, and every lookup in an organisation of fewer customers.
     */
    static final int PREFIX = 25_000;

    private int prefix = PREFIX;

    /** Another prefix size: tests make it tiny, so that small organisations take every path of the lookup. */
    @Unscoped("a setting of how the lookup plans its statements; it reads no data")
    void usePrefix(int customers) {
        this.prefix = customers;
    }

    /**
     * The next statement's plan, chosen here rather than by the planner's estimate (which cannot tell how common a
     * fragment is): {@code walk} an index in the order asked, or {@code gather} through the trigram index's bitmap.
     * Each statement is planned for its own text, not from a plan cached for another fragment.
     */
    private void plan(boolean walk, boolean gather) {
        jdbc.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
                        + " set_config('enable_seqscan', 'off', true),"
                        + " set_config('enable_indexscan', :walk, true),"
                        + " set_config('enable_indexonlyscan', :walk, true),"
                        + " set_config('enable_bitmapscan', :gather, true)")
                .param("walk", walk ? "on" : "off")
                .param("gather", gather ? "on" : "off")
                .query((rs, n) -> 0)
                .list();
    }

    /**
     * Whether the trigram index can narrow the text: it takes trigrams from runs of three letters or digits; shorter
     * text would make it hand back every row.
     */
    static boolean hasTrigram(String q) {
        int run = 0;
        for (int i = 0; i < q.length(); i++) {
            run = Character.isLetterOrDigit(q.charAt(i)) ? run + 1 : 0;
            if (run >= 3) {
                return true;
            }
        }
        return false;
    }

    /** Every customer, a page straight from the order's index; counted up to the cap. */
    private Found all(TenantScope scope, SortColumns.Sort sort, int offset, int limit, long cap) {
        List<Customer> rows = jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + scope.where("organization_id")
                        + " ORDER BY " + sort.orderBy() + " OFFSET :offset LIMIT :limit")
                .params(scope.parameters())
                .param("offset", offset)
                .param("limit", limit + 1)
                .query(CustomerRepository::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM customer WHERE " + scope.where("organization_id")
                        + " LIMIT :cap) c")
                .params(scope.parameters())
                .param("cap", cap + 1)
                .query(Long.class)
                .single();
        boolean hasNext = rows.size() > limit;
        List<Customer> items = hasNext ? rows.subList(0, limit) : rows;
        return capped(items, total, cap, hasNext);
    }

    /**
     * A phone number as people type it, with spaces, dashes, brackets or a leading +, stands for its digits:
     * phones are stored as digits only. Answers those digits, or null when the text is not such a number (plain
     * digits are found as they are).
     */
    static @org.jspecify.annotations.Nullable String phoneDigits(String q) {
        if (!PHONE_TYPED.matcher(q).matches()) {
            return null;
        }
        String digits = q.replaceAll("[^0-9]", "");
        return digits.isEmpty() || digits.equals(q) ? null : digits;
    }

    private static final java.util.regex.Pattern PHONE_TYPED = java.util.regex.Pattern.compile("\\+?[0-9 ()-]+");

    /** What ends each field in {@code lookup_text} (the unit separator, a control character typed text never holds). */
    private static final String FIELD_END = String.valueOf((char) 0x1f);

    /**
     * The test of a customer's text as SQL, and its parameters. Long text asks the trigram index with a piece of it
     * ({@link #indexWindow}) and tests the whole text on the rows found: the index's cost grows with every trigram
     * it looks up, and the trigrams of a whole e-mail address's domain are in most rows (a whole address took 80 ms,
     * its digits 6). A phone typed with separators is also looked for as its digits within the phone, the last of the
     * four fields of {@code lookup_text}: three field ends before them and one after, which no other place has.
     */
    record Text(String test, java.util.Map<String, Object> parameters) {
        static Text of(String q, @org.jspecify.annotations.Nullable String digits) {
            java.util.Map<String, Object> parameters = new java.util.HashMap<>();
            String window = digits == null ? indexWindow(q) : null;
            String test;
            if (window == null) {
                parameters.put("p", pattern(q));
                test = "(lookup_text LIKE lower(:p)" + (digits == null ? "" : " OR lookup_text LIKE :phone") + ")";
            } else {
                // strpos is no trigram operator: the index answers for the window only, each row found is tested
                parameters.put("w", pattern(window));
                parameters.put("q", q);
                test = "(lookup_text LIKE lower(:w) AND strpos(lookup_text, lower(:q)) > 0)";
            }
            if (digits != null) {
                parameters.put("phone", ("%" + FIELD_END).repeat(3) + "%" + digits + "%" + FIELD_END);
            }
            return new Text(test, java.util.Map.copyOf(parameters));
        }
    }

    /**
     * The piece of text longer than {@link #WINDOW} characters that the trigram index is asked for: its first run of
     * five digits or more (a number within an e-mail address, a phone), else its first {@link #WINDOW} characters
     * (the start of an address, before its common domain). Null for shorter text, and when those characters hold no
     * trigram: all of it.
     */
    static @org.jspecify.annotations.Nullable String indexWindow(String q) {
        if (q.codePointCount(0, q.length()) <= WINDOW) {
            return null;
        }
        java.util.regex.Matcher number = DIGIT_RUN.matcher(q);
        if (number.find()) {
            String run = number.group();
            return run.length() > WINDOW ? run.substring(0, WINDOW) : run;
        }
        // whole characters: half of a pair of UTF-16 units would reach PostgreSQL as another character
        String start = q.substring(0, q.offsetByCodePoints(0, WINDOW));
        // a piece without three letters or digits in a row gives the index nothing to look up: all of it, then
        return hasTrigram(start) ? start : null;
    }

    static final int WINDOW = 8;
    private static final java.util.regex.Pattern DIGIT_RUN = java.util.regex.Pattern.compile("[0-9]{5,}");

    /** The text anywhere in a field; its %, _ and \ are themselves (LIKE's escape character is \). */
    private static String pattern(String q) {
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    Optional<Customer> find(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + scope.where("organization_id")
                        + " AND id = :id")
                .params(scope.parameters())
                .param("id", id)
                .query(CustomerRepository::map)
                .optional();
    }

    Optional<Customer> findByEmail(TenantScope scope, String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + scope.where("organization_id")
                        + " AND lower(email) = lower(:email)")
                .params(scope.parameters())
                .param("email", email)
                .query(CustomerRepository::map)
                .optional();
    }

    Optional<String> passwordHash(TenantScope scope, UUID id) {
        return jdbc.sql("SELECT password_hash FROM customer WHERE " + scope.where("organization_id") + " AND id = :id")
                .params(scope.parameters())
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Answers false when the e-mail is taken in the organisation. */
    boolean insert(TenantScope scope, UUID id, CustomerInput in) {
        UUID organizationId = scope.organizationId("organizationId");
        try {
            jdbc.sql("""
                            INSERT INTO customer (id, organization_id, first_name, last_name, email, country_code, phone)
                            VALUES (:id, :org, :first, :last, :email, :cc, :phone)""").params(fields(id, in)).param("org", organizationId).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean update(TenantScope scope, UUID id, CustomerInput in) {
        try {
            jdbc.sql("""
                            UPDATE customer SET first_name = :first, last_name = :last, email = :email,
                                country_code = :cc, phone = :phone
                            WHERE id = :id AND\s""" + scope.where("organization_id"))
                    .params(fields(id, in))
                    .params(scope.parameters())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static java.util.Map<String, Object> fields(UUID id, CustomerInput in) {
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("id", id);
        fields.put("first", in.firstName());
        fields.put("last", in.lastName());
        fields.put("email", in.email());
        fields.put("cc", in.countryCode());
        fields.put("phone", in.phone());
        return fields;
    }

    /**
     * A new password (or status) ends every session and token: the credentials version moves on. A new password also
     * voids every set-password link issued before it, whichever way it was set.
     */
    void setPassword(TenantScope scope, UUID id, String hash) {
        jdbc.sql("WITH voided AS (DELETE FROM customer_link WHERE customer_id = :id AND used_at IS NULL AND "
                        + scope.where("organization_id") + ")"
                        + " UPDATE customer SET password_hash = :hash, credentials_version = credentials_version + 1"
                        + " WHERE id = :id AND " + scope.where("organization_id"))
                .param("hash", hash)
                .params(scope.parameters())
                .param("id", id)
                .update();
    }

    /**
     * Disabling keeps the sessions, so each can answer that the account is disabled; enabling moves the credentials
     * version on, so none of the old sessions or tokens comes back to life.
     */
    void setStatus(TenantScope scope, UUID id, CustomerStatus status) {
        jdbc.sql("UPDATE customer SET status = :status, credentials_version = credentials_version"
                        + (status == CustomerStatus.ENABLED ? " + 1" : "")
                        + " WHERE id = :id AND " + scope.where("organization_id"))
                .param("status", status.name())
                .params(scope.parameters())
                .param("id", id)
                .update();
    }

    List<Location> locations(TenantScope scope, UUID customerId) {
        return jdbc.sql("SELECT id, customer_id, name, address FROM customer_location" + " WHERE "
                        + scope.where("organization_id") + " AND customer_id = :c ORDER BY lower(name)")
                .params(scope.parameters())
                .param("c", customerId)
                .query((rs, n) -> new Location(
                        rs.getObject("id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("address")))
                .list();
    }

    /**
     * The devices of the organisation's customers that hold a SIM in these ranges (ICCIDs of FIRST's length from FIRST
     * to LAST) no longer do; answers how many. {@code device_iccid_uk} finds them, one range scan per range.
     */
    int releaseSims(TenantScope scope, String[] firsts, String[] lasts) {
        return jdbc.sql("UPDATE device d SET iccid = NULL"
                        + " FROM unnest(CAST(:firsts AS text[]), CAST(:lasts AS text[])) AS r(first, last)"
                        + " WHERE " + scope.where("d.organization_id") + " AND d.iccid IS NOT NULL"
                        + " AND length(d.iccid) = length(r.first) AND d.iccid BETWEEN r.first AND r.last")
                .params(scope.parameters())
                .param("firsts", firsts)
                .param("lasts", lasts)
                .update();
    }

    /**
     * A customer's devices. A customer has a household's or a business's devices, thousands at most, so each order is
     * a sort of that customer's rows alone (found by {@code device_customer_ix}); no index per column slows uploads.
     */
    static final SortColumns DEVICE_SORTS = SortColumns.of(
            "name",
            "d.serial_number",
            "name",
            "lower(d.name)",
            "serialNumber",
            "d.serial_number",
            "model",
            "lower(d.model)",
            "location",
            "lower(l.name)",
            "iccid",
            "d.iccid");

    List<Device> devices(TenantScope scope, UUID customerId, SortColumns.Sort sort, int offset, int limit) {
        return jdbc.sql("""
                        SELECT d.customer_id, d.location_id, l.name AS location_name, d.name, d.serial_number,
                            d.model, d.iccid
                        FROM device d LEFT JOIN customer_location l ON l.id = d.location_id
                        WHERE d.customer_id = :c AND\s"""
                        + scope.where("d.organization_id")
                        + " ORDER BY " + sort.orderBy() + " OFFSET :offset LIMIT :limit")
                .params(scope.parameters())
                .param("c", customerId)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> new Device(
                        rs.getObject("customer_id", UUID.class),
                        rs.getObject("location_id", UUID.class),
                        rs.getString("location_name"),
                        rs.getString("name"),
                        rs.getString("serial_number"),
                        rs.getString("model"),
                        rs.getString("iccid")))
                .list();
    }

    long countDevices(TenantScope scope, UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM device WHERE " + scope.where("organization_id") + " AND customer_id = :c")
                .params(scope.parameters())
                .param("c", customerId)
                .query(Long.class)
                .single();
    }

    /** Every unused link of the customer stops working (a fresh one replaces it). */
    void revokeLinks(TenantScope scope, UUID customerId) {
        jdbc.sql("DELETE FROM customer_link WHERE customer_id = :c AND used_at IS NULL AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("c", customerId)
                .update();
    }

    @Unscoped("a set-password link for a customer the use case loaded in scope")
    void insertLink(byte[] hash, Customer customer, java.time.Instant expiresAt) {
        jdbc.sql("INSERT INTO customer_link (token_hash, organization_id, customer_id, expires_at)"
                        + " VALUES (:hash, :org, :c, :expires)")
                .param("hash", hash)
                .param("org", customer.organizationId())
                .param("c", customer.id())
                .param("expires", java.sql.Timestamp.from(expiresAt))
                .update();
    }

    /** Whether a link is live and unused, without using it: for the page that shows its form. */
    @Unscoped("a set-password link, found by its secret's hash")
    boolean linkUsable(byte[] hash) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM customer_link WHERE token_hash = :hash AND used_at IS NULL"
                        + " AND expires_at > now())")
                .param("hash", hash)
                .query(Boolean.class)
                .single();
    }

    /** Uses a live, unused link once; answers its customer. */
    @Unscoped("a set-password link, found by its secret's hash")
    Optional<Customer> useLink(byte[] hash) {
        return jdbc.sql("UPDATE customer_link SET used_at = now() WHERE token_hash = :hash AND used_at IS NULL"
                        + " AND expires_at > now() RETURNING organization_id, customer_id")
                .param("hash", hash)
                .query((rs, n) ->
                        new UUID[] {rs.getObject("organization_id", UUID.class), rs.getObject("customer_id", UUID.class)
                        })
                .optional()
                .flatMap(ids -> find(TenantScope.internal(ids[0]), ids[1]));
    }

    static Customer map(ResultSet rs, int row) throws SQLException {
        return new Customer(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("email"),
                rs.getString("country_code"),
                rs.getString("phone"),
                CustomerStatus.valueOf(rs.getString("status")),
                rs.getBoolean("has_password"),
                rs.getInt("credentials_version"),
                rs.getTimestamp("created_at").toInstant());
    }
}
