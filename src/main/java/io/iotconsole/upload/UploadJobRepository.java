package io.iotconsole.upload;

import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code upload_job} and {@code upload_report}. */
@Repository
class UploadJobRepository {
    private static final String COLUMNS = """
            id, kind, organization_id, subject_id, subject_label, status, phase, file_name, file_size, bytes_read,
            rows_read, problems, written, to_write, report_id, result_id, summary, started_at, finished_at, failure""";

    private final JdbcClient jdbc;

    UploadJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Unscoped("a job of the organisation its module checked the caller for")
    void insert(
            UUID id,
            UploadKind kind,
            UUID organizationId,
            @Nullable UUID subjectId,
            String subjectLabel,
            String fileName,
            long fileSize,
            UUID instanceId) {
        jdbc.sql("""
                        INSERT INTO upload_job (id, kind, organization_id, subject_id, subject_label, status, phase,
                            file_name, file_size, instance_id)
                        VALUES (:id, :kind, :org, :subject, :label, 'RUNNING', 'READING', :fileName, :fileSize, :instance)""")
                .param("id", id)
                .param("kind", kind.name())
                .param("org", organizationId)
                .param("subject", subjectId)
                .param("label", subjectLabel)
                .param("fileName", fileName)
                .param("fileSize", fileSize)
                .param("instance", instanceId)
                .update();
    }

    @Unscoped("the instance running the job writes its own progress")
    void progress(UUID id, UploadPhase phase, long bytesRead, long rowsRead, int problems, long written, long toWrite) {
        jdbc.sql("""
                        UPDATE upload_job SET phase = :phase, bytes_read = :bytes, rows_read = :rows,
                            problems = :problems, written = :written, to_write = :toWrite
                        WHERE id = :id AND status = 'RUNNING'""")
                .param("phase", phase.name())
                .param("bytes", bytesRead)
                .param("rows", rowsRead)
                .param("problems", problems)
                .param("written", written)
                .param("toWrite", toWrite)
                .param("id", id)
                .update();
    }

    @Unscoped("the instance running the job records how it ended")
    void finish(
            UUID id,
            UploadPhase end,
            long rows,
            long written,
            int problems,
            @Nullable UUID reportId,
            @Nullable UUID resultId,
            @Nullable String summary,
            @Nullable String failure) {
        jdbc.sql("""
                        UPDATE upload_job SET status = :end, phase = :end, rows_read = :rows, written = :written,
                            problems = :problems, report_id = :report, result_id = :result, summary = :summary,
                            failure = :failure, finished_at = :now,
                            bytes_read = CASE WHEN :end = 'FAILED' THEN bytes_read ELSE file_size END
                        WHERE id = :id AND status = 'RUNNING'""")
                .param("end", end.name())
                .param("rows", rows)
                .param("written", written)
                .param("problems", problems)
                .param("report", reportId)
                .param("result", resultId)
                .param("summary", summary)
                .param("failure", failure)
                .param("now", Timestamp.from(Instant.now()))
                .param("id", id)
                .update();
    }

    @Unscoped("an instance renews the heartbeat of the jobs it runs itself")
    void heartbeat(UUID instanceId) {
        jdbc.sql("UPDATE upload_job SET heartbeat_at = now() WHERE instance_id = :instance AND status = 'RUNNING'")
                .param("instance", instanceId)
                .update();
    }

    @Unscoped("recovery of every organisation's jobs left running by a stopped instance")
    int failAbandoned(UUID instanceId, Duration heartbeatLimit, String failure) {
        return jdbc.sql("""
                        UPDATE upload_job SET status = 'FAILED', phase = 'FAILED', failure = :failure, finished_at = now()
                        WHERE status = 'RUNNING' AND heartbeat_at < now() - :limit * interval '1 millisecond'
                          AND instance_id IS DISTINCT FROM :instance""")
                .param("failure", failure)
                .param("limit", heartbeatLimit.toMillis())
                .param("instance", instanceId)
                .update();
    }

    Optional<UploadJob> find(TenantScope scope, UploadKind kind, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM upload_job WHERE id = :id AND kind = :kind AND "
                        + scope.where("organization_id"))
                .params(scope.parameters())
                .param("id", id)
                .param("kind", kind.name())
                .query(UploadJobRepository::map)
                .optional();
    }

    List<UploadJob> recent(TenantScope scope, UploadKind kind, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM upload_job WHERE kind = :kind AND "
                        + scope.where("organization_id") + " ORDER BY started_at DESC LIMIT :limit")
                .params(scope.parameters())
                .param("kind", kind.name())
                .param("limit", limit)
                .query(UploadJobRepository::map)
                .list();
    }

    /** Keeps a refused upload's report; reports older than {@code keep} go at the same time. */
    @Unscoped("the report of a job of the organisation its module checked the caller for")
    void keepReport(UUID id, UUID organizationId, String csv, Duration keep) {
        jdbc.sql("DELETE FROM upload_report WHERE created_at < now() - :keep * interval '1 second'")
                .param("keep", keep.toSeconds())
                .update();
        jdbc.sql("INSERT INTO upload_report (id, organization_id, content) VALUES (:id, :org, :content)")
                .param("id", id)
                .param("org", organizationId)
                .param("content", csv)
                .update();
    }

    /** The report of a job of this kind. */
    Optional<String> report(TenantScope scope, UploadKind kind, UUID reportId, Duration keep) {
        return jdbc.sql("""
                        SELECT r.content FROM upload_report r
                        WHERE r.id = :id AND r.created_at > now() - :keep * interval '1 second'
                          AND EXISTS (SELECT 1 FROM upload_job j WHERE j.report_id = r.id AND j.kind = :kind) AND\s""" + scope.where("r.organization_id"))
                .params(scope.parameters())
                .param("id", reportId)
                .param("kind", kind.name())
                .param("keep", keep.toSeconds())
                .query(String.class)
                .optional();
    }

    private static UploadJob map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new UploadJob(
                rs.getObject("id", UUID.class),
                UploadKind.valueOf(rs.getString("kind")),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("subject_id", UUID.class),
                rs.getString("subject_label"),
                rs.getString("status"),
                UploadPhase.valueOf(rs.getString("phase")),
                rs.getString("file_name"),
                rs.getLong("file_size"),
                rs.getLong("bytes_read"),
                rs.getLong("rows_read"),
                rs.getInt("problems"),
                rs.getLong("written"),
                rs.getLong("to_write"),
                rs.getObject("report_id", UUID.class),
                rs.getObject("result_id", UUID.class),
                rs.getString("summary"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getString("failure"));
    }
}
