package io.iotconsole.upload;

import io.iotconsole.shared.InvalidInputException.FieldProblem;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an upload's work ended: written (with the sentence its page shows), or refused with its problems by row and
 * column (nothing written). {@code resultId} is whatever the owning module's page needs afterwards.
 */
public record UploadOutcome(
        long rows,
        long written,
        String summary,
        List<FieldProblem> problems,
        @Nullable UUID resultId) {
    public static UploadOutcome done(long rows, long written, String summary) {
        return new UploadOutcome(rows, written, summary, List.of(), null);
    }

    public static UploadOutcome done(long rows, long written, String summary, @Nullable UUID resultId) {
        return new UploadOutcome(rows, written, summary, List.of(), resultId);
    }

    public static UploadOutcome refused(long rows, List<FieldProblem> problems) {
        return new UploadOutcome(rows, 0, "", List.copyOf(problems), null);
    }

    public boolean refused() {
        return !problems.isEmpty();
    }
}
