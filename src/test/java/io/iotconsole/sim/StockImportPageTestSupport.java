package io.iotconsole.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** Reads an upload job's page for tests of every kind of upload. */
public final class StockImportPageTestSupport {
    private StockImportPageTestSupport() {}

    /** The problems table of a refused upload's page, as row|column|message. */
    public static List<String> problemRows(String page) {
        String table = page.substring(page.indexOf("id=\"problems-table\""));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        Matcher m = Pattern.compile("<tr>\\s*<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>")
                .matcher(table);
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1) + "|" + m.group(2) + "|" + HtmlUtils.htmlUnescape(m.group(3)));
        }
        return rows;
    }
}
