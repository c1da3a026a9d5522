package io.iotconsole.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The follow-up writes of a use case: sent together at the scope's end, in order, all or nothing with it. */
@IntegrationTest
class WriteBatchTests {
    private static final String INSERT = "INSERT INTO write_batch_probe (n, label) VALUES (:n, :label)";

    @Autowired
    WriteBatch writes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private List<Integer> probe() {
        return jdbc.queryForList("SELECT n FROM write_batch_probe ORDER BY ordinal", Integer.class);
    }

    private void createProbe() {
        // a table of this transaction only: nothing of it outlives the test
        jdbc.execute("CREATE TEMP TABLE write_batch_probe (ordinal serial, n int PRIMARY KEY, label text)"
                + " ON COMMIT DROP");
    }

    private static Map<String, Object> row(int n) {
        var p = new java.util.HashMap<String, Object>();
        p.put("n", n);
        p.put("label", n % 2 == 0 ? null : "odd " + n);
        return p;
    }

    @Test
    void writesWaitForTheScopesEndThenArriveInTheOrderWritten() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            createProbe();
            writes.together(() -> {
                writes.update(INSERT, row(3));
                writes.update(INSERT, row(1));
                writes.update(INSERT, row(2));
                assertThat(probe()).isEmpty();
            });
            assertThat(probe()).containsExactly(3, 1, 2);
            assertThat(jdbc.queryForObject("SELECT label FROM write_batch_probe WHERE n = 2", String.class))
                    .isNull();
            writes.update(INSERT, row(4)); // outside a scope: at once
            assertThat(probe()).containsExactly(3, 1, 2, 4);
            tx.setRollbackOnly();
        });
    }

    @Test
    void aFailingWriteFailsTheScope() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            createProbe();
            jdbc.update("INSERT INTO write_batch_probe (n) VALUES (7)");
            assertThatThrownBy(() -> writes.together(() -> {
                        writes.update(INSERT, row(8));
                        writes.update(INSERT, row(7));
                    }))
                    .isInstanceOf(DuplicateKeyException.class);
            tx.setRollbackOnly();
        });
    }

    @Test
    void aWriteInATransactionOfItsOwnIsNotHeldBack() {
        var outer = new TransactionTemplate(transactions);
        var own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        outer.executeWithoutResult(tx -> {
            createProbe();
            writes.together(() -> {
                writes.update(INSERT, row(1));
                own.executeWithoutResult(inner -> {
                    // the temporary table belongs to the outer connection; this one writes its own
                    jdbc.execute("CREATE TEMP TABLE write_batch_own (n int) ON COMMIT DROP");
                    writes.update("INSERT INTO write_batch_own (n) VALUES (:n)", Map.of("n", 5));
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM write_batch_own", Integer.class))
                            .isEqualTo(1);
                });
                assertThat(probe()).isEmpty();
            });
            assertThat(probe()).containsExactly(1);
            tx.setRollbackOnly();
        });
    }
}
