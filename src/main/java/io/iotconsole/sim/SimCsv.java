package io.iotconsole.sim;

import io.iotconsole.shared.CsvCells;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The SIM list as a CSV download, for the console and the API alike. */
final class SimCsv {
    private SimCsv() {}

    static void write(SimCards.Export export, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"sims.csv\"");
        var out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(
                                "iccid",
                                "imsi",
                                "msisdn",
                                "imei",
                                "imei_lock",
                                "label",
                                "state",
                                "monthly_limit_mb",
                                "data_used_mb",
                                "group_id")
                        .get())) {
            export.forEach(s -> {
                try {
                    csv.printRecord(
                            s.iccid(),
                            s.imsi(),
                            s.msisdn(),
                            CsvCells.safe(s.imei()),
                            s.imeiLock(),
                            CsvCells.safe(s.label()),
                            s.state(),
                            s.monthlyLimitMb(),
                            s.dataUsedMb(),
                            s.groupId());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
