package io.iotconsole.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What an upload's work tells its page while it runs: the file (read through here, so that the bytes read are
 * counted), the rows read and problems found, the switch to checking and to writing, and the rows written. The counts
 * reach the job's row at most a few times a second, in a transaction of their own, so the page sees them while the
 * upload's own transaction is still open. One upload's work calls it from one thread.
 */
public final class UploadProgress {
    /** How often the counts are written at most. */
    static final long FLUSH_NANOS = 200_000_000L;

    /** What the job's row hears. */
    interface Sink {
        void write(UploadPhase phase, long bytesRead, long rowsRead, int problems, long written, long toWrite);
    }

    private final Sink sink;
    private final Counting input;
    private UploadPhase phase = UploadPhase.READING;
    private long rows;
    private int problems;
    private long written;
    private long toWrite;
    private long lastFlush = System.nanoTime();

    UploadProgress(InputStream file, Sink sink) {
        this.input = new Counting(file);
        this.sink = sink;
    }

    /** Progress nobody follows: an upload through the API, answered when it is done. */
    public static UploadProgress untracked(InputStream file) {
        return new UploadProgress(file, (phase, bytes, rows, problems, written, toWrite) -> {});
    }

    /** The uploaded file; what is read from it counts as read. */
    public InputStream input() {
        return input;
    }

    /** One more row read. */
    public void rowRead() {
        if ((++rows & 1023) == 0) {
            maybeFlush();
        }
    }

    public void problemsFound(int count) {
        problems = count;
    }

    /** The file is read; the checks across rows (or against what exists) begin. */
    public void checking() {
        phase = UploadPhase.CHECKING;
        flush();
    }

    /** Everything was checked and is right; {@code count} rows are about to be written. */
    public void writing(long count) {
        phase = UploadPhase.WRITING;
        toWrite = count;
        flush();
    }

    /** Rows written so far, of those {@link #writing announced}. */
    public void written(long count) {
        written = count;
        maybeFlush();
    }

    /** The rows read so far. */
    public long rows() {
        return rows;
    }

    private void maybeFlush() {
        if (System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    private void flush() {
        sink.write(phase, input.count, rows, problems, written, toWrite);
        lastFlush = System.nanoTime();
    }

    /** Counts the bytes read, skipped included. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
