/**
 * Small types every module uses: not-found and invalid-input exceptions, paging. No feature logic; the only web and
 * SQL here are the CSV download every export goes through ({@link io.iotconsole.shared.CsvExport}) and the longer
 * statement limit of bulk work ({@link io.iotconsole.shared.LongStatements}).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.iotconsole.shared;
