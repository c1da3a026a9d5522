package io.iotconsole.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migrated schema keeps Citus's rules for a database distributed by {@code organization_id}, read from the live
 * catalog: each table's comment classifies it ({@code citus: distributed|reference|local — why}); a distributed table
 * carries {@code organization_id NOT NULL}, each of its primary keys, unique constraints and unique indexes includes
 * it, and each foreign key to another distributed table pairs it on both sides; no reference or local table refers to
 * a distributed one. A new migration that breaks a rule fails here, naming the table and the constraint.
 */
@IntegrationTest
class CitusReadySchemaTests {
    private static final Pattern CLASSIFICATION = Pattern.compile("^citus: (distributed|reference|local) — \\S.*");
    private static final String KEY = "organization_id";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TestData data;

    @Test
    void everyTableOfTheMigratedSchemaKeepsTheRules() {
        Map<String, String> kinds = kinds("public");
        assertThat(kinds).as("the catalog lists the console's tables").hasSizeGreaterThan(30);
        assertThat(kinds)
                .containsEntry("organization", "reference")
                .containsEntry("sim_card", "distributed")
                .containsEntry("sim_search", "reference")
                .containsEntry("app_user", "reference")
                .containsEntry("spring_session", "local")
                .containsEntry("flyway_schema_history", "local");
        assertThat(violations("public")).isEmpty();
    }

    @Test
    void theCheckNamesEveryTableAndConstraintThatBreaksARule() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                            CREATE SCHEMA citus_probe;
                            CREATE TABLE citus_probe.org (id uuid PRIMARY KEY, code text UNIQUE);
                            COMMENT ON TABLE citus_probe.org IS 'citus: reference — organisations';
                            CREATE TABLE citus_probe.unmarked (organization_id uuid NOT NULL);
                            CREATE TABLE citus_probe.vague (organization_id uuid NOT NULL);
                            COMMENT ON TABLE citus_probe.vague IS 'sharded somehow';
                            CREATE TABLE citus_probe.keyless (id uuid PRIMARY KEY);
                            COMMENT ON TABLE citus_probe.keyless IS 'citus: distributed — no key';
                            CREATE TABLE citus_probe.nullable (organization_id uuid, id uuid);
                            COMMENT ON TABLE citus_probe.nullable IS 'citus: distributed — nullable key';
                            CREATE TABLE citus_probe.parent (organization_id uuid NOT NULL REFERENCES citus_probe.org,
                                id uuid, code text, CONSTRAINT parent_by_id PRIMARY KEY (id),
                                CONSTRAINT parent_code_unique UNIQUE (code),
                                CONSTRAINT parent_scoped UNIQUE (organization_id, id));
                            CREATE UNIQUE INDEX parent_code_lower_uk ON citus_probe.parent (lower(code));
                            COMMENT ON TABLE citus_probe.parent IS 'citus: distributed — parents';
                            ALTER TABLE citus_probe.parent ADD CONSTRAINT parent_crossed_target UNIQUE (id, organization_id);
                            CREATE TABLE citus_probe.child (organization_id uuid NOT NULL, id uuid, parent_id uuid,
                                other_id uuid, PRIMARY KEY (organization_id, id),
                                CONSTRAINT child_parent_alone FOREIGN KEY (parent_id) REFERENCES citus_probe.parent (id),
                                CONSTRAINT child_crossed FOREIGN KEY (organization_id, other_id)
                                    REFERENCES citus_probe.parent (id, organization_id),
                                CONSTRAINT child_paired FOREIGN KEY (organization_id, parent_id)
                                    REFERENCES citus_probe.parent (organization_id, id),
                                CONSTRAINT child_set_null FOREIGN KEY (organization_id, other_id)
                                    REFERENCES citus_probe.parent (organization_id, id) ON DELETE SET NULL (other_id));
                            COMMENT ON TABLE citus_probe.child IS 'citus: distributed — children';
                            CREATE TABLE citus_probe.registry (parent_id uuid,
                                CONSTRAINT registry_to_parent FOREIGN KEY (parent_id) REFERENCES citus_probe.parent (id));
                            COMMENT ON TABLE citus_probe.registry IS 'citus: reference — a registry';
                            CREATE TABLE citus_probe.infrastructure (organization_id uuid, parent_id uuid,
                                CONSTRAINT infrastructure_to_parent FOREIGN KEY (organization_id, parent_id)
                                    REFERENCES citus_probe.parent (organization_id, id));
                            COMMENT ON TABLE citus_probe.infrastructure IS 'citus: local — infrastructure'""").update();

            List<String> found = violations("citus_probe");

            assertThat(found)
                    .contains(
                            "unmarked: not classified (COMMENT ON TABLE unmarked IS 'citus: distributed|reference|local — why')",
                            "vague: not classified (COMMENT ON TABLE vague IS 'citus: distributed|reference|local — why')",
                            "keyless: distributed without organization_id NOT NULL",
                            "nullable: distributed without organization_id NOT NULL",
                            "parent.parent_by_id: unique key without organization_id",
                            "parent.parent_code_unique: unique key without organization_id",
                            "parent.parent_code_lower_uk: unique key without organization_id",
                            "child.child_parent_alone: foreign key to distributed parent without organization_id on both sides",
                            "child.child_crossed: foreign key to distributed parent without organization_id on both sides",
                            "child.child_set_null: foreign key holding organization_id sets NULL or a default on"
                                    + " delete or update (Citus refuses it)",
                            "registry.registry_to_parent: foreign key from a reference table to distributed parent",
                            "infrastructure.infrastructure_to_parent: foreign key from a local table to distributed parent");
            assertThat(found)
                    .as("keys and foreign keys that keep the rules are not named")
                    .noneMatch(v -> v.contains("parent_scoped")
                            || v.contains("child_paired")
                            || v.contains("child_pkey")
                            || v.contains("parent_crossed_target")
                            || v.startsWith("org"));
        });
        assertThat(kinds("citus_probe")).as("the probe was rolled back").isEmpty();
    }

    @Test
    void anIccidStaysUniqueAcrossOrganisationsThroughItsRegistry() {
        UUID first = data.organization("Registry First").id();
        UUID second = data.organization("Registry Second").id();
        String iccid = "8999" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            insertSim(first, iccid);
            assertThatThrownBy(() -> insertSim(second, iccid))
                    .isInstanceOf(DuplicateKeyException.class)
                    .hasMessageContaining("sim_search_pkey")
                    .hasMessageContaining("(iccid)=(" + iccid + ")");
        });
    }

    private void insertSim(UUID organizationId, String iccid) {
        jdbc.sql("INSERT INTO sim_card (organization_id, iccid, imsi, msisdn) VALUES (:org, :iccid, '234150000000001',"
                        + " '447700900001')")
                .param("org", organizationId)
                .param("iccid", iccid)
                .update();
    }

    /** Each table of the schema with its kind, or "" when it is not classified. */
    private Map<String, String> kinds(String schema) {
        Map<String, String> kinds = new HashMap<>();
        jdbc.sql("""
                        SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') AS comment
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition""")
                .param("schema", schema)
                .query((rs, n) -> {
                    Matcher m = CLASSIFICATION.matcher(rs.getString("comment"));
                    kinds.put(rs.getString("relname"), m.matches() ? m.group(1) : "");
                    return null;
                })
                .list();
        return kinds;
    }

    private List<String> violations(String schema) {
        Map<String, String> kinds = kinds(schema);
        List<String> found = new ArrayList<>();
        kinds.forEach((table, kind) -> {
            if (kind.isEmpty()) {
                found.add(table + ": not classified (COMMENT ON TABLE " + table
                        + " IS 'citus: distributed|reference|local — why')");
            }
        });

        // distributed tables: the key column, NOT NULL
        jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = :key
                                          AND a.attnotnull AND NOT a.attisdropped)""").param("schema", schema).param("key", KEY).query(String.class).list().stream()
                .filter(table -> "distributed".equals(kinds.get(table)))
                .forEach(table -> found.add(table + ": distributed without organization_id NOT NULL"));

        // distributed tables: every primary key, unique constraint and unique index (by its constraint's name, if any)
        jdbc
                .sql("""
                        SELECT t.relname AS table_name, coalesce(con.conname, i.relname) AS key_name
                        FROM pg_index x
                        JOIN pg_class t ON t.oid = x.indrelid
                        JOIN pg_class i ON i.oid = x.indexrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype IN ('p', 'u')
                        WHERE n.nspname = :schema AND x.indisunique
                          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = :key
                                          AND a.attnum = ANY (x.indkey::int2[]))""")
                .param("schema", schema)
                .param("key", KEY)
                .query((rs, n) -> List.of(rs.getString("table_name"), rs.getString("key_name")))
                .list()
                .stream()
                .filter(k -> "distributed".equals(kinds.get(k.get(0))))
                .forEach(k -> found.add(k.get(0) + "." + k.get(1) + ": unique key without organization_id"));

        // foreign keys: to a distributed table only from a distributed one, pairing the key on both sides
        jdbc.sql("""
                        SELECT f.relname AS from_table, t.relname AS to_table, con.conname,
                               EXISTS (SELECT 1 FROM unnest(con.conkey, con.confkey) AS k(from_col, to_col)
                                       JOIN pg_attribute fa ON fa.attrelid = con.conrelid AND fa.attnum = k.from_col
                                       JOIN pg_attribute ta ON ta.attrelid = con.confrelid AND ta.attnum = k.to_col
                                       WHERE fa.attname = :key AND ta.attname = :key) AS paired,
                               con.confdeltype IN ('n', 'd') OR con.confupdtype IN ('n', 'd') AS sets_null
                        FROM pg_constraint con
                        JOIN pg_class f ON f.oid = con.conrelid
                        JOIN pg_class t ON t.oid = con.confrelid
                        JOIN pg_namespace n ON n.oid = f.relnamespace
                        WHERE n.nspname = :schema AND con.contype = 'f'""")
                .param("schema", schema)
                .param("key", KEY)
                .query((rs, n) -> {
                    String from = rs.getString("from_table");
                    String to = rs.getString("to_table");
                    String name = from + "." + rs.getString("conname");
                    String fromKind = kinds.getOrDefault(from, "");
                    if (!"distributed".equals(kinds.get(to)) || fromKind.isEmpty()) {
                        return null;
                    }
                    if (!fromKind.equals("distributed")) {
                        found.add(name + ": foreign key from a " + fromKind + " table to distributed " + to);
                    } else if (!rs.getBoolean("paired")) {
                        found.add(
                                name + ": foreign key to distributed " + to + " without organization_id on both sides");
                    } else if (rs.getBoolean("sets_null")) {
                        found.add(name + ": foreign key holding organization_id sets NULL or a default on"
                                + " delete or update (Citus refuses it)");
                    }
                    return null;
                })
                .list();
        return found;
    }
}
