package io.iotconsole.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** {@code target/crawl/index.html}: every page each identity opened, with what was wrong and both screenshots. */
final class CrawlIndex {
    private CrawlIndex() {}

    static void write(Path root, Map<String, PageCrawler.Result> results) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Page crawl</title>
                <style>
                body{font-family:sans-serif;margin:1rem} table{border-collapse:collapse;width:100%}
                td,th{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:13px}
                img{border:1px solid #999} .bad{background:#fdd} .desk img{width:320px} .phone img{width:130px}
                </style></head><body><h1>Page crawl</h1>
                """);
        html.append("<ul>");
        for (String identity : new TreeMap<>(results).keySet()) {
            PageCrawler.Result r = results.get(identity);
            html.append("<li><a href=\"#")
                    .append(escape(identity))
                    .append("\">")
                    .append(escape(identity))
                    .append("</a>: ")
                    .append(r.pages().size())
                    .append(" pages, ")
                    .append(r.downloads().size())
                    .append(" downloads, ")
                    .append(r.failures().size())
                    .append(" problems</li>");
        }
        html.append("</ul>");
        for (String identity : new TreeMap<>(results).keySet()) {
            PageCrawler.Result r = results.get(identity);
            html.append("<h2 id=\"")
                    .append(escape(identity))
                    .append("\">")
                    .append(escape(identity))
                    .append("</h2>");
            html.append("<table><tr><th>#</th><th>Page</th><th>Status</th><th>Problems</th><th>")
                    .append(PageCrawler.DESK)
                    .append(" px</th><th>")
                    .append(PageCrawler.PHONE)
                    .append(" px</th></tr>");
            for (PageCrawler.Page p : r.pages()) {
                html.append(p.problems().isEmpty() ? "<tr>" : "<tr class=\"bad\">")
                        .append("<td>")
                        .append(p.number())
                        .append("</td><td><b>")
                        .append(escape(p.title()))
                        .append("</b><br>")
                        .append(escape(p.url()))
                        .append("<br><small>from ")
                        .append(escape(p.linkedFrom() == null ? "(start)" : p.linkedFrom()))
                        .append("</small></td><td>")
                        .append(p.status())
                        .append("<br><small>")
                        .append(p.millis())
                        .append(" ms</small></td><td>")
                        .append(escape(String.join("\n", p.problems())).replace("\n", "<br>"))
                        .append("</td><td class=\"desk\">")
                        .append(shot(p.deskShot()))
                        .append("</td><td class=\"phone\">")
                        .append(shot(p.phoneShot()))
                        .append("</td></tr>");
            }
            for (PageCrawler.Download d : r.downloads()) {
                html.append(d.problems().isEmpty() ? "<tr>" : "<tr class=\"bad\">")
                        .append("<td>↓</td><td>")
                        .append(escape(d.url()))
                        .append("<br><small>from ")
                        .append(escape(d.linkedFrom()))
                        .append("</small></td><td>")
                        .append(d.status())
                        .append("</td><td>")
                        .append(escape(String.join("; ", d.problems())))
                        .append("</td><td colspan=\"2\">")
                        .append(d.bytes())
                        .append(" bytes</td></tr>");
            }
            html.append("</table>");
        }
        html.append("</body></html>\n");
        Files.createDirectories(root);
        Files.writeString(root.resolve("index.html"), html);
    }

    private static String shot(String relative) {
        return "<a href=\"" + escape(relative) + "\"><img loading=\"lazy\" src=\"" + escape(relative)
                + "\" alt=\"\"></a>";
    }

    private static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
