package io.iotconsole.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The uploads' CSV reader reads what spreadsheets write, and says where a file it cannot read goes wrong. */
class CsvReaderTests {

    /** Each row read, as "number: cell|cell|...". */
    private static List<String> rows(CsvReader reader, byte[] file) {
        List<String> rows = new ArrayList<>();
        reader.read(new ByteArrayInputStream(file), row -> {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(row.get(i));
            }
            rows.add(row.number() + ": " + String.join("|", cells));
            return true;
        });
        return rows;
    }

    private static List<String> rows(CsvReader reader, String file) {
        return rows(reader, file.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aByteOrderMarkIsNoPartOfTheFirstCell() {
        assertThat(rows(CsvReader.commas(), "\uFEFFname,serial\nBoiler,SN-1\n"))
                .containsExactly("1: name|serial", "2: Boiler|SN-1");
        assertThat(rows(CsvReader.semicolons(), "\uFEFF8944;8945\n")).containsExactly("1: 8944|8945");
    }

    @Test
    void quotedCellsHoldCommasQuotesAndLineBreaksAndRowsAreNumberedAsASpreadsheetShowsThem() {
        String file = "name,address,note\r\n"
                + "\"Garage, back\",\"2 Lane\r\nLeeds\",\"say \"\"hi\"\"\"\r\n"
                + "Shed,,plain\r\n";
        assertThat(rows(CsvReader.commas(), file))
                .containsExactly(
                        "1: name|address|note", "2: Garage, back|2 Lane\r\nLeeds|say \"hi\"", "3: Shed||plain");
    }

    @Test
    void blankRowsAreSkippedButKeepTheirNumberAndCellsAreTrimmed() {
        String file = "a,b\n\n  x , y \n,\n \t \n\"\",\"\"\nlast,row\n\n\n";
        assertThat(rows(CsvReader.commas(), file)).containsExactly("1: a|b", "3: x|y", "7: last|row");
    }

    @Test
    void aLastRowWithoutALineEndIsARow() {
        assertThat(rows(CsvReader.commas(), "a,b\r\nx,\"y \"\"z\"\"\"")).containsExactly("1: a|b", "2: x|y \"z\"");
        assertThat(rows(CsvReader.semicolons(), "\uFEFF8944;8945")).containsExactly("1: 8944|8945");
    }

    @Test
    void semicolonsSeparateCellsOnlyWhereTheFileIsReadWithThem() {
        assertThat(rows(CsvReader.semicolons(), "first;last\r\n\"8944\";8945\r\n8946,8947\r\n"))
                .containsExactly("1: first|last", "2: 8944|8945", "3: 8946,8947");
        assertThat(rows(CsvReader.commas(), "a;b,c\n")).containsExactly("1: a;b|c");
    }

    /** What a spreadsheet writes with "CSV UTF-8": a mark, CRLF, quotes only where needed, empty rows at the end. */
    @Test
    void aSpreadsheetsExportReadsAsItsRows() {
        String exported = "\uFEFFlocation_name,location_address,device_name,serial_number,model,iccid\r\n"
                + "Home,\"1 Road, Leeds\",Boiler,SN-1,B1,\r\n"
                + "Caf\u00e9 \u201cNord\u201d,,\"Meter \"\"A\"\"\",SN-2,,89440000000000000001\r\n"
                + ",,,,,\r\n"
                + ",,,,,\r\n";
        assertThat(rows(CsvReader.commas(), exported))
                .containsExactly(
                        "1: location_name|location_address|device_name|serial_number|model|iccid",
                        "2: Home|1 Road, Leeds|Boiler|SN-1|B1|",
                        "3: Caf\u00e9 \u201cNord\u201d||Meter \"A\"|SN-2||89440000000000000001");
    }

    @Test
    void theHandlerStopsTheReading() {
        List<Integer> seen = new ArrayList<>();
        int last = CsvReader.commas()
                .read(new ByteArrayInputStream("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8)), r -> {
                    seen.add(r.number());
                    return r.number() < 2;
                });
        assertThat(seen).containsExactly(1, 2);
        assertThat(last).isEqualTo(2);
    }

    @Test
    void aQuoteThatNeverClosesIsMalformedAtItsRow() {
        assertThatThrownBy(() -> rows(CsvReader.commas(), "a,b\nc,d\n\"open,e\nf,g\n"))
                .isInstanceOfSatisfying(CsvReader.UnreadableException.class, e -> {
                    assertThat(e.row()).isEqualTo(3);
                    assertThat(e.getMessage())
                            .startsWith("Malformed CSV")
                            .contains("a closing quote is missing")
                            .contains("The rows after it were not checked");
                });
    }

    @Test
    void textAfterAClosingQuoteIsExplainedInPlainWords() {
        assertThatThrownBy(() -> rows(CsvReader.commas(), "a,b\n\"8988\"x,d\nc,d\n"))
                .isInstanceOfSatisfying(CsvReader.UnreadableException.class, e -> {
                    assertThat(e.row()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .contains("a quoted cell has text after its closing quote")
                            .doesNotContain("encapsulated token");
                });
    }

    @Test
    void aFileThatIsNotUtf8IsSaidToBeSo() {
        byte[] latin1 = "a,b\nCaf\u00e9,x\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> rows(CsvReader.commas(), latin1))
                .isInstanceOfSatisfying(CsvReader.UnreadableException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The file is not UTF-8 text");
                    assertThat(e.row()).isEqualTo(1); // read ahead in blocks: where decoding stopped, not the cell
                });
    }

    /** A client that hangs up is no fault of the file: the reading ends, it does not report the file as bad. */
    @Test
    void anInputThatFailsEndsTheReadingWithoutBlamingTheFile() {
        InputStream hangsUp = new InputStream() {
            private final InputStream start = new ByteArrayInputStream("a,b\nc,d\n".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                int b = start.read();
                if (b < 0) {
                    throw new IOException("Connection reset by peer");
                }
                return b;
            }
        };
        assertThatThrownBy(() -> CsvReader.commas().read(hangsUp, r -> true))
                .isInstanceOf(UncheckedIOException.class)
                .isNotInstanceOf(CsvReader.UnreadableException.class);
    }
}
