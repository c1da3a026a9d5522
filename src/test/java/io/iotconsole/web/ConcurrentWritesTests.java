package io.iotconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.sim.SimInventoryTestSupport;
import io.iotconsole.support.Api;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Writes arriving at the same moment over real HTTP: order numbers stay unique and gapless per organisation, and no
 * mix of parallel writes answers a server error; a unique key that is hit anyway answers 409 naming the field.
 */
@IntegrationTest
class ConcurrentWritesTests {
    private static final System.Logger LOG = System.getLogger(ConcurrentWritesTests.class.getName());

    @Autowired
    TestData data;

    @Autowired
    DataSource dataSource;

    /** Runs every call at once (released together by a latch) and answers the responses in the calls' order. */
    private static List<Api.Response> together(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                responses.add(f.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelOrdersAreAllPlacedWithUniqueGaplessNumbersPerOrganisation() throws Exception {
        List<TestData.Org> orgs = List.of(
                data.organization("Rush Alpha"), data.organization("Rush Beta"), data.organization("Rush Gamma"));
        int perOrg = 20;
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < perOrg; i++) {
            for (TestData.Org org : orgs) {
                calls.add(() -> org.owner().post("/api/v1/orders", Map.of("quantity", 5)));
            }
        }
        long started = System.nanoTime();
        List<Api.Response> responses = together(calls);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, "{0} parallel orders answered in {1} ms", calls.size(), millis);

        assertThat(responses)
                .as("every parallel order is placed")
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        for (TestData.Org org : orgs) {
            List<Integer> numbers = data.jdbc()
                    .sql("SELECT number FROM sim_order WHERE organization_id = :org ORDER BY number")
                    .param("org", org.id())
                    .query(Integer.class)
                    .list();
            assertThat(numbers)
                    .as("numbers of %s", org.accountNumber())
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, perOrg).boxed().toList());
        }
        // the organisation's next order carries on from the last
        assertThat(orgs.get(0)
                        .owner()
                        .post("/api/v1/orders", Map.of("quantity", 1))
                        .expect(201)
                        .json()
                        .get("number")
                        .asInt())
                .isEqualTo(perOrg + 1);
    }

    @Test
    void aParallelMixOfWritesAnswersNoServerError() throws Exception {
        TestData.Org org = data.organization("Busy Co");
        TestData.Org other = data.organization("Busy Other");
        List<String> sims = SimInventoryTestSupport.stock(data, org.id(), 10, 19);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            calls.add(() -> org.owner()
                    .post(
                            "/api/v1/users",
                            Map.of(
                                    "firstName",
                                    "Par",
                                    "lastName",
                                    "Allel" + n,
                                    "email",
                                    TestData.email("par"),
                                    "role",
                                    "STANDARD")));
            calls.add(() -> org.owner().post("/api/v1/groups", Map.of("name", "Fleet " + n)));
            // the same group name asked for four times at once: one is created, the others are told it exists
            calls.add(() -> org.owner().post("/api/v1/groups", Map.of("name", "Depot " + (n % 3))));
            calls.add(() -> org.owner()
                    .post(
                            "/api/v1/customers",
                            Map.of("firstName", "Cus", "lastName", "Tomer" + n, "email", "c" + n + "@busy.test")));
            // the same customer e-mail asked for twice at once
            calls.add(() -> org.owner()
                    .post(
                            "/api/v1/customers",
                            Map.of(
                                    "firstName",
                                    "Twin",
                                    "lastName",
                                    "T" + n,
                                    "email",
                                    "twin" + (n / 2) + "@busy.test")));
            String iccid = sims.get(n % sims.size());
            calls.add(() -> org.owner()
                    .patch(
                            "/api/v1/sims/" + iccid,
                            Map.of("state", n % 2 == 0 ? "SUSPENDED" : "ACTIVE", "label", "Unit " + n)));
            calls.add(() -> other.owner().post("/api/v1/orders", Map.of("quantity", 1)));
        }
        long started = System.nanoTime();
        List<Api.Response> responses = together(calls);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, "{0} parallel mixed writes answered in {1} ms", calls.size(), millis);

        assertThat(responses)
                .as("no parallel write answers a server error")
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isLessThan(500));
        assertThat(responses)
                .as("each write is done, or refused: a taken group name (409), a taken customer e-mail (400)")
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 201, 400, 409));
        assertThat(org.owner().get("/api/v1/groups").json().get("total").asInt())
                .isEqualTo(12 + 3);
        assertThat(org.owner()
                        .get("/api/v1/customers?size=100")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(12 + 6);
        assertThat(responses.stream().filter(r -> r.status() == 409).count()).isEqualTo(12 - 3);
        assertThat(responses.stream().filter(r -> r.status() == 400))
                .hasSize(12 - 6)
                .allSatisfy(r -> assertThat(r.fieldError("email")).contains("already exists"));
    }

    @Test
    void aUniqueKeyHitByARacingWriteAnswers409NamingTheField() throws Exception {
        TestData.Org org = data.organization("Race Names");
        String id = org.owner()
                .post("/api/v1/groups", Map.of("name", "Yard"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        // Another writer has just inserted "Harbour" and not yet committed: the rename's own check cannot see it,
        // so the rename meets the unique index, waits for that writer and then hits the key.
        try (Connection racing = dataSource.getConnection()) {
            racing.setAutoCommit(false);
            try (var insert = racing.prepareStatement(
                    "INSERT INTO sim_group (id, organization_id, name) VALUES (?, ?, 'Harbour')")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, org.id());
                insert.executeUpdate();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Api.Response> rename =
                        pool.submit(() -> org.owner().patch("/api/v1/groups/" + id, Map.of("name", "harbour")));
                waitForALockWait();
                racing.commit();
                Api.Response r = rename.get(30, TimeUnit.SECONDS);
                r.expect(409);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.fieldError("name")).isEqualTo("Already taken");
                assertThat(r.json().get("detail").asString()).contains("name");
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(org.owner().get("/api/v1/groups").json().toString())
                .contains("Yard")
                .contains("Harbour");
    }

    /** Waits until some session of the console waits for a lock (the rename blocked on the uncommitted row). */
    private void waitForALockWait() {
        for (int i = 0; i < 200; i++) {
            long waiting = data.jdbc()
                    .sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Long.class)
                    .single();
            if (waiting > 0) {
                return;
            }
            TestData.sleep(50);
        }
        throw new AssertionError("The rename never waited for the racing insert");
    }
}
