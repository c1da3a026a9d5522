package io.iotconsole.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of the CSV files people upload (devices, SIM stock, an order's stock, transfer ranges), read as a
 * spreadsheet writes them: UTF-8 with or without a byte-order mark, quoted cells holding the delimiter, quotes
 * (doubled) and line breaks, CRLF or LF line ends, cells trimmed, blank rows (and rows of empty cells) skipped. Rows
 * are numbered as a spreadsheet shows them: the first row is 1, and a blank row or a cell's line break takes no
 * number of its own beyond its row. The file streams through: one row at a time is held.
 */
public final class CsvReader {
    private static final CsvReader COMMAS = new CsvReader(',');
    private static final CsvReader SEMICOLONS = new CsvReader(';');
    private static final int BUFFER = 64 * 1024;

    private final CSVFormat format;

    private CsvReader(char delimiter) {
        this.format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false) // a blank row still counts as a row, as in a spreadsheet
                .setTrim(true)
                .get();
    }

    /** Comma-separated cells, the product's templates and exports. */
    public static CsvReader commas() {
        return COMMAS;
    }

    /** Semicolon-separated cells: a transfer's {@code FIRST;LAST} lines. */
    public static CsvReader semicolons() {
        return SEMICOLONS;
    }

    /** One row; its cells are valid only until the handler returns. */
    public interface Row {
        /** The row as a spreadsheet numbers it: the first row of the file is 1. */
        int number();

        int size();

        /** The cell, trimmed; "" for an empty cell. */
        String get(int column);
    }

    /** Hears each non-blank row in order; answers false to stop reading. */
    @FunctionalInterface
    public interface RowHandler {
        boolean row(Row row);
    }

    /**
     * The file is not CSV the reader can follow: not UTF-8, or a quoted cell that never closes. {@link #row} is where
     * reading stopped; the message is meant for the person who uploaded the file.
     */
    public static final class UnreadableException extends RuntimeException {
        private final int row;

        UnreadableException(int row, String message, Throwable cause) {
            super(message, cause);
            this.row = row;
        }

        public int row() {
            return row;
        }
    }

    /**
     * Reads {@code in} to its end (or until the handler stops), handing over each non-blank row. Throws
     * {@link UnreadableException} for a file that is not CSV, and {@link UncheckedIOException} when the input itself
     * fails (a client that hung up mid-file): that is no fault of the file, and the upload must end, not report.
     * Answers the number of the last row read.
     */
    public int read(InputStream in, RowHandler handler) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Cursor cursor = new Cursor();
        try (CSVParser parser = format.parse(withoutByteOrderMark(new InputStreamReader(in, decoder)))) {
            for (CSVRecord record : parser) {
                cursor.record = record;
                cursor.number = (int) record.getRecordNumber();
                if (!blank(record) && !handler.row(cursor)) {
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw unreadable(cursor.number + 1, e.getCause());
        } catch (IOException e) {
            throw unreadable(cursor.number + 1, e);
        }
        return cursor.number;
    }

    private static RuntimeException unreadable(int row, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new UnreadableException(row, "The file is not UTF-8 text", e);
        }
        if (e instanceof CSVException) {
            return new UnreadableException(row, "Malformed CSV: " + plainWords(e.getMessage()), e);
        }
        return new UncheckedIOException(e);
    }

    /**
     * The parser's reason in the words of someone who edits the file in a spreadsheet or an editor; the rows after it
     * cannot be told apart reliably, so checking stops there.
     */
    static String plainWords(@Nullable String parserMessage) {
        String m = parserMessage == null ? "" : parserMessage;
        String what;
        if (m.contains("between encapsulated token and delimiter")) {
            what =
                    "a quoted cell has text after its closing quote; a quote inside a quoted cell is written twice (\"\")";
        } else if (m.contains("EOF reached before encapsulated token finished")) {
            what = "a quoted cell is never closed: a closing quote is missing";
        } else {
            what = "the row could not be read as CSV";
        }
        return what + ". The rows after it were not checked.";
    }

    private static boolean blank(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            if (!record.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A spreadsheet saving "CSV UTF-8" starts the file with U+FEFF; it is no part of the first cell. */
    private static Reader withoutByteOrderMark(Reader decoded) throws IOException {
        PushbackReader reader = new PushbackReader(new java.io.BufferedReader(decoded, BUFFER), 1);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** The current row, one object for the whole file. */
    private static final class Cursor implements Row {
        private CSVRecord record;
        private int number;

        @Override
        public int number() {
            return number;
        }

        @Override
        public int size() {
            return record.size();
        }

        @Override
        public String get(int column) {
            return record.get(column);
        }
    }
}
