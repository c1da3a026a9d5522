package io.iotconsole.upload;

import io.iotconsole.shared.InvalidInputException.FieldProblem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the one job page ({@code upload/job}) needs besides the job, given by the owning module's controller: its
 * title, what the upload is for, its own address (which the page asks again while the upload runs), the report's
 * address, where to upload another file, what to open once done, and the problems to list.
 */
public record UploadPage(
        String title,
        String purpose,
        String address,
        @Nullable String reportAddress,
        String againAddress,
        String againText,
        @Nullable String resultAddress,
        @Nullable String resultText,
        List<FieldProblem> problems) {
    /** How many problems a refused upload's page lists; the report has them all. */
    public static final int LISTED = 300;
}
