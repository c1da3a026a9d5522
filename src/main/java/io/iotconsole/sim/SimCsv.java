package io.iotconsole.sim;

import io.iotconsole.shared.CsvExport;

/** The columns of the SIM list's CSV download, for the console and the API alike. */
final class SimCsv {
    private SimCsv() {}

    static final String FILE_NAME = "sims.csv";

    static final CsvExport.Columns<SimCard> COLUMNS = CsvExport.Columns.of(
            s -> new Object[] {
                s.iccid(),
                s.imsi(),
                s.msisdn(),
                s.imei(),
                s.imeiLock(),
                s.label(),
                s.state(),
                s.monthlyLimitMb(),
                s.dataUsedMb(),
                s.groupId()
            },
            "iccid",
            "imsi",
            "msisdn",
            "imei",
            "imei_lock",
            "label",
            "state",
            "monthly_limit_mb",
            "data_used_mb",
            "group_id");
}
