package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The lookup is exact over HTTP: every customer whose first name, last name, e-mail or phone contains the text, no
 * other, with the true total up to the cap and "more than" past it; wildcards and quotes are plain characters.
 */
@IntegrationTest
class CustomerLookupTests {
    @Autowired
    TestData data;

    private static JsonNode lookup(Api api, String q, String more) {
        return api.get("/api/v1/customers?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more)
                .expect(200)
                .json();
    }

    /** The ids the lookup answers, checking that its total is exact and is the number of them (one page of 200). */
    private static Set<String> found(Api api, String q) {
        JsonNode page = lookup(api, q, "&size=200");
        Set<String> ids = new HashSet<>();
        page.get("items").forEach(c -> ids.add(c.get("id").asString()));
        assertThat(page.get("totalExact").asBoolean()).as(q).isTrue();
        assertThat(page.get("total").asLong()).as(q).isEqualTo(ids.size());
        assertThat(page.get("hasNext").asBoolean()).as(q).isFalse();
        return ids;
    }

    private static String create(Api api, String first, String last, String email, String phone) {
        return CustomerTests.create(api, first, last, email, phone).get("id").asString();
    }

    @Autowired
    CustomerRepository repository;

    /**
     * Each test runs with the name-order prefix of the console and with a prefix of three customers, so that the
     * small organisations of the tests also take the trigram index and the walk beyond the prefix.
     */
    @AfterEach
    void restorePrefix() {
        repository.usePrefix(CustomerRepository.PREFIX);
    }

    @ParameterizedTest
    @ValueSource(ints = {CustomerRepository.PREFIX, 3})
    void everyCustomerContainingTheTextIsFoundAndNoOther(int prefix) {
        repository.usePrefix(prefix);
        var org = data.organization("Exact Lookup Co " + prefix);
        var other = data.organization("Exact Lookup Elsewhere " + prefix);
        Api api = org.owner();
        String ann = create(api, "Ann", "O'Brien", "ann.obrien@example.test", "7700900111");
        String percy = create(api, "Percy", "Fifty%Off", "percy@example.test", null);
        String under = create(api, "Under", "Score_Man", "under_score@example.test", null);
        String back = create(api, "Back", "Slash\\Er", "back@example.test", null);
        String anna = create(api, "ANNA", "Smith", "a.smith@example.test", "7700900222");
        String xavier = create(api, "Xavier", "Annex", "x@annexe.test", null);
        String quote = create(api, "Quote", "Double\"Q", "dq@example.test", null);
        String number = create(api, "Num", "Ber", "num900@example.test", null);
        create(other.owner(), "Ann", "O'Brien", "ann.obrien@example.test", "7700900111");

        assertThat(found(api, "%")).as("% is a percent sign").containsExactly(percy);
        assertThat(found(api, "_"))
                .as("_ is an underscore, in a name and an e-mail")
                .containsExactly(under);
        assertThat(found(api, "\\")).as("a backslash").containsExactly(back);
        assertThat(found(api, "h\\e")).containsExactly(back);
        assertThat(found(api, "'")).as("a quote").containsExactly(ann);
        assertThat(found(api, "o'b")).containsExactly(ann);
        assertThat(found(api, "\"")).containsExactly(quote);
        assertThat(found(api, "y%o")).containsExactly(percy);
        assertThat(found(api, "y%")).containsExactly(percy);
        assertThat(found(api, "e_m")).containsExactly(under);
        assertThat(found(api, "%%")).isEmpty();
        assertThat(found(api, "__")).isEmpty();
        assertThat(found(api, "ANN"))
                .as("any case, first name, last name or e-mail")
                .containsExactlyInAnyOrder(ann, anna, xavier);
        assertThat(found(api, "aNnE")).containsExactly(xavier);
        assertThat(found(api, "an"))
                .as("two letters: anywhere in a field, not only at its start")
                .containsExactlyInAnyOrder(ann, under, anna, xavier);
        assertThat(found(api, "v")).as("one letter").containsExactly(xavier);
        assertThat(found(api, "Q")).containsExactly(quote);
        assertThat(found(api, "900"))
                .as("digits: in phones and in e-mails")
                .containsExactlyInAnyOrder(ann, anna, number);
        assertThat(found(api, "0900111")).containsExactly(ann);
        assertThat(found(api, "7700 900"))
                .as("a phone typed with a space: its digits, in phones only")
                .containsExactlyInAnyOrder(ann, anna);
        assertThat(found(api, "0900-111")).containsExactly(ann);
        assertThat(found(api, "+7700900111")).containsExactly(ann);
        assertThat(found(api, "(7700) 900 222")).containsExactly(anna);
        assertThat(found(api, "900 2"))
                .as("the phone's digits, in the phone alone")
                .containsExactly(anna);
        assertThat(found(api, "annobrien")).as("never across two fields").isEmpty();
        assertThat(found(api, "anno'brien")).isEmpty();
        assertThat(found(api, "example.test")).containsExactlyInAnyOrder(ann, percy, under, back, anna, quote, number);
        // long text: the index is asked for a piece of it, each row found is tested for all of it
        assertThat(found(api, "Fifty%Off")).containsExactly(percy);
        assertThat(found(api, "fifty%offs")).isEmpty();
        assertThat(found(api, "ANN.OBRIEN@example.test")).containsExactly(ann);
        assertThat(found(api, "ann.obrien@example.tesx"))
                .as("the piece matches, the whole does not")
                .isEmpty();
        assertThat(found(api, "  Smith ")).as("surrounding blanks do not count").containsExactly(anna);

        var page = data.console(org.ownerEmail(), TestData.PASSWORD)
                .get("/customers?q=an")
                .body();
        assertThat(page).contains("4 customers").doesNotContain("More than");
    }

    /** {@code count} customers whose last names hold {@code word}, numbered from {@code from}. */
    private void insert(TestData.Org org, String word, int from, int count) {
        data.jdbc()
                .sql("INSERT INTO customer (id, organization_id, first_name, last_name, email)"
                        + " SELECT gen_random_uuid(), :org, 'Many', :word || lpad(n::text, 5, '0'),"
                        + " 'many' || n || '@cap.test' FROM generate_series(:from, :to) n")
                .param("org", org.id())
                .param("word", word)
                .param("from", from)
                .param("to", from + count - 1)
                .update();
    }

    @ParameterizedTest
    @ValueSource(ints = {CustomerRepository.PREFIX, 3})
    void theTotalIsExactUpToTheCapAndSaysMoreThanPastItWhilePagesStillHoldTheMatches(int prefix) {
        repository.usePrefix(prefix);
        var org = data.organization("Capped Lookup Co " + prefix);
        Api api = org.owner();
        insert(org, "Capword", 1, (int) Customers.COUNT_CAP);
        var console = data.console(org.ownerEmail(), TestData.PASSWORD);

        JsonNode atCap = lookup(api, "capword", "&size=25");
        assertThat(atCap.get("total").asLong()).isEqualTo(Customers.COUNT_CAP);
        assertThat(atCap.get("totalExact").asBoolean())
                .as("exactly the cap is still exact")
                .isTrue();
        assertThat(console.get("/customers?q=CAPWORD").body())
                .contains(Customers.COUNT_CAP + " customers")
                .doesNotContain("More than");

        insert(org, "Capword", 1001, 1);
        JsonNode past = lookup(api, "capword", "&size=25");
        assertThat(past.get("totalExact").asBoolean()).isFalse();
        assertThat(past.get("total").asLong()).as("more than this many").isEqualTo(Customers.COUNT_CAP);
        assertThat(past.get("items")).hasSize(25);
        assertThat(past.get("items").get(0).get("lastName").asString()).isEqualTo("Capword00001");
        assertThat(past.get("hasNext").asBoolean()).isTrue();
        // long text is tried on the trigram index first, short text on the name-order prefix first: the same answer
        assertThat(CustomerRepository.likelyRare("capword")).isTrue();
        assertThat(CustomerRepository.likelyRare("capw")).isFalse();
        JsonNode shortText = lookup(api, "capw", "&size=25");
        assertThat(shortText.get("totalExact").asBoolean()).isFalse();
        assertThat(shortText.get("total").asLong()).isEqualTo(Customers.COUNT_CAP);
        assertThat(shortText.get("items").get(0).get("lastName").asString()).isEqualTo("Capword00001");
        assertThat(console.get("/customers?q=capword").body())
                .contains("More than " + Customers.COUNT_CAP + " customers match")
                .contains("Capword00001")
                .doesNotContain(">" + Customers.COUNT_CAP + " customers<");

        // paging through every match, past the cap, in order: all 1,001 come back, each once
        List<String> names = new ArrayList<>();
        for (int p = 0; ; p++) {
            JsonNode page = lookup(api, "capword", "&size=200&page=" + p);
            page.get("items").forEach(c -> names.add(c.get("lastName").asString()));
            assertThat(page.get("totalExact").asBoolean()).isFalse();
            if (!page.get("hasNext").asBoolean()) {
                assertThat(p).isEqualTo(5);
                break;
            }
        }
        assertThat(names).hasSize(1001).doesNotHaveDuplicates().isSorted();
        assertThat(names.get(1000)).isEqualTo("Capword01001");
        assertThat(lookup(api, "capword", "&size=200&page=6").get("items")).isEmpty();
        assertThat(console.get("/customers?q=capword&size=200&page=5").body()).contains("Capword01001");

        // a fragment held by one of them is exact again
        assertThat(found(api, "word01001")).hasSize(1);
        assertThat(found(api, "many1001@")).hasSize(1);
    }

    /**
     * With a prefix of 50 customers: text whose page is among them but whose total is not (counted through the
     * trigram index), and text matched only by customers after them (all its matches gathered and ordered), answer
     * the same pages and totals as everywhere else.
     */
    @org.junit.jupiter.api.Test
    void thePageFromThePrefixAndTheMatchesAfterItAreExact() {
        repository.usePrefix(50);
        var org = data.organization("Prefix Paths Co");
        Api api = org.owner();
        insert(org, "Aaword", 1, 200); // the first 200 in name order
        insert(org, "Mmword", 1_001, 1_100); // after them
        insert(org, "Zzword", 5_001, 30); // last

        JsonNode exact = lookup(api, "aawo", "&size=10");
        assertThat(exact.get("total").asLong()).isEqualTo(200);
        assertThat(exact.get("totalExact").asBoolean()).isTrue();
        assertThat(exact.get("items")).hasSize(10);
        assertThat(exact.get("items").get(0).get("lastName").asString()).isEqualTo("Aaword00001");
        assertThat(exact.get("hasNext").asBoolean()).isTrue();

        // "word" is in every name: the page is the first ten, the total past the cap
        JsonNode common = lookup(api, "word", "&size=10&page=2");
        assertThat(common.get("totalExact").asBoolean()).isFalse();
        assertThat(common.get("total").asLong()).isEqualTo(Customers.COUNT_CAP);
        assertThat(common.get("items").get(0).get("lastName").asString()).isEqualTo("Aaword00021");

        // none of the first 50 holds these: every match gathered, ordered, paged
        JsonNode late = lookup(api, "mmwo", "&size=25&page=1");
        assertThat(late.get("totalExact").asBoolean()).isFalse();
        assertThat(late.get("total").asLong()).isEqualTo(Customers.COUNT_CAP);
        assertThat(late.get("items").get(0).get("lastName").asString()).isEqualTo("Mmword01026");
        JsonNode last = lookup(api, "zzwo", "&size=25&page=1");
        assertThat(last.get("total").asLong()).isEqualTo(30);
        assertThat(last.get("totalExact").asBoolean()).isTrue();
        assertThat(last.get("items")).hasSize(5);
        assertThat(last.get("items").get(4).get("lastName").asString()).isEqualTo("Zzword05030");
        assertThat(last.get("hasNext").asBoolean()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void longTextAsksTheIndexForAPieceOfIt() {
        assertThat(CustomerRepository.indexWindow("fifty%of")).isNull();
        assertThat(CustomerRepository.indexWindow("gite.vatonsen179184@fastmail.test"))
                .isEqualTo("179184");
        assertThat(CustomerRepository.indexWindow("a.b.c.d.e.f.ghi")).isNull();
        assertThat(CustomerRepository.indexWindow("john.smith@example.test")).isEqualTo("john.smi");
        assertThat(CustomerRepository.indexWindow("447700900111222")).isEqualTo("44770090");
    }

    /**
     * Typed text is lower-cased as PostgreSQL lower-cases the stored text, so that the lookup answers what
     * {@code ILIKE} answers, also for letters whose lower case Java spells otherwise (İ, final Σ).
     */
    @org.junit.jupiter.api.Test
    void lettersAreComparedAsPostgresqlLowerCasesThem() {
        var org = data.organization("Unicode Lookup Co");
        Api api = org.owner();
        String dinc = create(api, "İbrahim", "DİNÇ", "ibrahim.dinc@example.test", null);
        create(api, "Σίσυφος", "Σίσυφος", "sisyphus@example.test", null);
        for (String q : List.of("DİNÇ", "dinç", "İbrahim", "İ", "ΣΊΣΥΦΟΣ", "σίσυφος", "ΣΊΣ")) {
            List<String> truth = data.jdbc()
                    .sql("SELECT id::text FROM customer WHERE organization_id = :org AND (first_name ILIKE :p"
                            + " OR last_name ILIKE :p OR email ILIKE :p)")
                    .param("org", org.id())
                    .param("p", "%" + q + "%")
                    .query(String.class)
                    .list();
            assertThat(found(api, q)).as(q).containsExactlyInAnyOrderElementsOf(truth);
        }
        assertThat(found(api, "DİNÇ")).containsExactly(dinc);
    }

    @org.junit.jupiter.api.Test
    void textIsCutBetweenCharactersNeverWithinOne() {
        assertThat(CustomerRepository.indexWindow("smithjo\uD83D\uDE00nes")).isEqualTo("smithjo\uD83D\uDE00");
        String long99 = "a".repeat(99) + "\uD83D\uDE00" + "b";
        assertThat(Customers.normalise(long99)).isEqualTo("a".repeat(99) + "\uD83D\uDE00");
        assertThat(Customers.normalise("  DİNÇ\u0007 ")).isEqualTo("DİNÇ");
    }
}
