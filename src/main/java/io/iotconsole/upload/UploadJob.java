package io.iotconsole.upload;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An upload as its page shows it: what it is for ({@code subjectLabel}: the customer, the organisation), the file,
 * the phase and the counts of each phase, and how it ended.
 */
public record UploadJob(
        UUID id,
        UploadKind kind,
        UUID organizationId,
        @Nullable UUID subjectId,
        String subjectLabel,
        String status,
        UploadPhase phase,
        String fileName,
        long fileSize,
        long bytesRead,
        long rowsRead,
        int problems,
        long written,
        long toWrite,
        @Nullable UUID reportId,
        @Nullable UUID resultId,
        @Nullable String summary,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String failure) {
    /** Share of the bar each phase fills: reading the file is most of the work, then checking, then writing. */
    private static final int READ_SHARE = 70;

    private static final int CHECK_SHARE = 5;

    public boolean running() {
        return status.equals("RUNNING");
    }

    /** The whole upload's progress, 0 to 100, never going back from one phase to the next. */
    public int percent() {
        return switch (phase) {
            case READING -> (int) (fileSize <= 0 ? 0 : Math.min(READ_SHARE, READ_SHARE * bytesRead / fileSize));
            case CHECKING -> READ_SHARE;
            case WRITING ->
                READ_SHARE
                        + CHECK_SHARE
                        + (int)
                                (toWrite <= 0
                                        ? 0
                                        : (100 - READ_SHARE - CHECK_SHARE) * Math.min(written, toWrite) / toWrite);
            case DONE, REFUSED -> 100;
            case FAILED -> 0;
        };
    }

    /** The file's share read so far, 0 to 100. */
    public int readPercent() {
        return fileSize <= 0 ? 0 : (int) Math.min(100, 100 * bytesRead / fileSize);
    }

    public String fileSizeText() {
        return size(fileSize);
    }

    public String bytesReadText() {
        return size(Math.min(bytesRead, fileSize));
    }

    /** A size as people read it: bytes, kB, MB or GB (powers of 1000, one decimal). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
