package io.iotconsole.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import io.iotconsole.upload.UploadJobs;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Console device uploads left running by an instance that stopped are failed, saying so; others run on. */
@IntegrationTest
class DeviceUploadRecoveryTests {
    @Autowired
    TestData data;

    @Autowired
    UploadJobs jobs;

    /** A job row as an instance leaves it while running an upload, its heartbeat renewed {@code secondsAgo}. */
    private UUID runningJob(UUID org, String customer, UUID instance, int secondsAgo) {
        UUID id = UUID.randomUUID();
        data.jdbc()
                .sql("""
                        INSERT INTO upload_job (id, organization_id, subject_id, subject_label, status, rows_read,
                            instance_id, started_at, heartbeat_at)
                        VALUES (:id, :org, :customer, 'Dee Vice', 'RUNNING', 20000, :instance,
                            now() - interval '10 minutes', now() - :ago * interval '1 second')""")
                .param("id", id)
                .param("org", org)
                .param("customer", UUID.fromString(customer))
                .param("instance", instance)
                .param("ago", secondsAgo)
                .update();
        return id;
    }

    private String status(UUID job) {
        return data.jdbc()
                .sql("SELECT status || ' ' || coalesce(failure, '-') || ' ' || (finished_at IS NOT NULL)"
                        + " FROM upload_job WHERE id = :id")
                .param("id", job)
                .query(String.class)
                .single();
    }

    @Test
    void uploadsOfAStoppedInstanceAreFailedAndTheirPageStopsAsking() {
        var org = data.organization("Restart Co");
        String email = TestData.email("dev");
        String customer = CustomerTestSupport.create(org.owner(), "Dee", "Vice", email);
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);

        // a real upload records this instance as the one running it
        var started = owner.upload(
                "/customers/devices/upload",
                "/customers/devices/upload?email=" + email,
                "file",
                "devices.csv",
                DeviceUploadTests.HEADER + "Home,,Heat pump,HP-1,X,\n");
        UUID real =
                UUID.fromString(started.location().substring(started.location().lastIndexOf('/') + 1));
        UUID thisInstance = data.jdbc()
                .sql("SELECT instance_id FROM upload_job WHERE id = :id")
                .param("id", real)
                .query(UUID.class)
                .single();

        UUID dead = runningJob(org.id(), customer, UUID.randomUUID(), 300);
        UUID alive = runningJob(org.id(), customer, UUID.randomUUID(), 5);
        UUID mine = runningJob(org.id(), customer, thisInstance, 300);
        String deadPage = "/customers/devices/uploads/" + dead;
        String alivePage = "/customers/devices/uploads/" + alive;
        assertThat(owner.get(alivePage).body()).contains("hx-trigger=\"every 1s\"", "20000 rows read so far");

        // the start-up / periodic recovery (the scheduled run may have come first: the outcome is the same)
        jobs.failAbandoned();

        assertThat(status(dead)).isEqualTo("FAILED " + UploadJobs.INTERRUPTED + " true");
        assertThat(status(alive)).as("another instance that is alive").isEqualTo("RUNNING - false");
        assertThat(status(mine))
                .as("this instance's own, which it is still running")
                .isEqualTo("RUNNING - false");
        String page = owner.get(deadPage).body();
        assertThat(page)
                .contains("Interrupted by a restart of the console before it finished; nothing was written.")
                .doesNotContain("hx-trigger")
                .doesNotContain("hx-get")
                .doesNotContain("upload-running");
        assertThat(owner.get(deadPage).status()).isEqualTo(200);
        assertThat(owner.get(alivePage).body()).contains("hx-trigger=\"every 1s\"");

        // this instance's heartbeat keeps its uploads from looking abandoned
        jobs.heartbeat();
        assertThat(data.jdbc()
                        .sql("SELECT heartbeat_at > now() - interval '5 seconds' FROM upload_job WHERE id = :id")
                        .param("id", mine)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jobs.failAbandoned()).isZero();

        // another organisation does not see the upload
        var stranger = data.console(data.organization("Restart Stranger").ownerEmail(), TestData.PASSWORD);
        assertThat(stranger.get(deadPage).status()).isEqualTo(404);
    }
}
