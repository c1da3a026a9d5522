package io.iotconsole.browser;

import io.iotconsole.support.PageCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Opens every page a signed-in browser can reach by following the links of the pages it opens, breadth first, from
 * one or more start pages, and writes down for each what was wrong with it: a server error, a template error, a link
 * that leads nowhere or to a refusal, a page without a heading, HTML from data that the browser ran or built. Each page
 * is looked at, and photographed, on a desk ({@value #DESK} px) and on a phone ({@value #PHONE} px).
 *
 * <p>Lists can hold hundreds of rows: each URL is reduced to a pattern (ids, numbers and query values replaced) and at
 * most {@link #PER_PATTERN} URLs of one pattern are opened. Downloads (CSV, PDF) are fetched by the browser, not opened,
 * and must answer 2xx. Nothing that changes state is reachable by a link: changes are POSTs.
 */
final class PageCrawler {
    static final int DESK = 1366;
    static final int PHONE = 390;
    static final int PER_PATTERN = 2;
    /** Query variants of one path (filters, paging, the organisation chosen) share this many openings. */
    static final int PER_PATH = 3;

    private static final int DESK_HEIGHT = 900;
    private static final int PHONE_HEIGHT = 844;
    private static final int MAX_SHOT_HEIGHT = 4000;
    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final List<String> ERROR_TEXTS = List.of(
            "The request could not be completed",
            "Something went wrong",
            "Whitelabel Error Page",
            "TemplateProcessingException",
            "TemplateInputException",
            "SpelEvaluationException",
            "Exception evaluating");

    /** Links never followed: they end the session, or are one-time links out of e-mails (the mailbox shows them). */
    private static final Set<String> NOT_FOLLOWED =
            Set.of("/logout", "/app/logout", "/activate", "/reset-password", "/app/set-password");

    /** A page opened: where it was linked from, its status, what was wrong, and its screenshots (relative paths). */
    record Page(
            int number,
            String url,
            String pattern,
            String linkedFrom,
            int status,
            String title,
            List<String> problems,
            String deskShot,
            String phoneShot,
            long millis) {}

    /** A download fetched by the browser instead of being opened. */
    record Download(String url, String linkedFrom, int status, long bytes, List<String> problems) {}

    record Result(String identity, List<Page> pages, List<Download> downloads, List<String> failures) {
        Set<String> pathPatterns() {
            return pages.stream()
                    .filter(p -> p.status() < 400)
                    .map(p -> p.pattern().replaceFirst("\\?.*", ""))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }

    private record Link(String url, String from, boolean download) {}

    private final String identity;
    private final WebDriver browser;
    private final String origin;
    private final Path shots;
    private final List<PageCheck> checks;
    private final Set<String> signInPaths;

    /**
     * @param signInPaths the sign-in pages of this identity: landing on one means the session was lost on the way
     */
    PageCrawler(
            String identity,
            WebDriver browser,
            String origin,
            Path root,
            List<PageCheck> checks,
            Set<String> signInPaths) {
        this.identity = identity;
        this.browser = browser;
        this.origin = origin;
        this.shots = root.resolve(identity);
        this.checks = checks;
        this.signInPaths = signInPaths;
    }

    Result crawl(List<String> startPaths) {
        blockProbeImages(browser);
        List<Page> pages = new ArrayList<>();
        List<Download> downloads = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Deque<Link> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> perPattern = new HashMap<>();
        for (String path : startPaths) {
            queue.add(new Link(origin + path, null, false));
        }
        while (!queue.isEmpty()) {
            Link link = queue.poll();
            String url = withoutFragment(link.url());
            if (!seen.add(url) || !followed(url)) {
                continue;
            }
            String pattern = pattern(url);
            String pathPattern = pattern.replaceFirst("\\?.*", "");
            if (perPattern.getOrDefault(pattern, 0) >= PER_PATTERN
                    || perPattern.getOrDefault(pathPattern + "?", 0) >= PER_PATH) {
                continue;
            }
            perPattern.merge(pattern, 1, Integer::sum);
            perPattern.merge(pathPattern + "?", 1, Integer::sum);
            if (link.download() || isDownload(url)) {
                Download d = download(url, link.from());
                downloads.add(d);
                d.problems().forEach(p -> failures.add(describe(url, link.from(), p)));
                continue;
            }
            Visit visit = visit(pages.size() + 1, url, pattern, link.from());
            pages.add(visit.page());
            visit.page().problems().forEach(p -> failures.add(describe(url, link.from(), p)));
            for (String next : visit.links()) {
                boolean download = next.startsWith("download:");
                queue.add(new Link(download ? next.substring("download:".length()) : next, url, download));
            }
        }
        return new Result(identity, pages, downloads, failures);
    }

    private record Visit(Page page, List<String> links) {}

    @SuppressWarnings("unchecked")
    private Visit visit(int number, String url, String pattern, String from) {
        long t0 = System.nanoTime();
        desk();
        browser.get(url);
        Map<String, Object> seen = (Map<String, Object>) js().executeScript(READ_PAGE);
        if (((Number) seen.get("h1")).intValue() == 0) {
            // a page still settling: look once more before calling it a page without a heading
            sleep(300);
            seen = (Map<String, Object>) js().executeScript(READ_PAGE);
        }
        int status = ((Number) seen.get("status")).intValue();
        String finalUrl = browser.getCurrentUrl();
        String finalPath = URI.create(finalUrl).getPath();
        boolean foreign = isForeign(finalPath);
        List<String> problems = new ArrayList<>();
        if (status >= 500) {
            problems.add("answered " + status + " (server error)");
        } else if (status == 403) {
            problems.add("answered 403: the page offered a link this identity may not open");
        } else if (status >= 400) {
            problems.add("answered " + status + ": a link that leads nowhere");
        } else if (status <= 0) {
            problems.add("no HTTP status could be read");
        }
        if (signInPaths.contains(finalPath)
                && !signInPaths.contains(URI.create(url).getPath())) {
            problems.add("sent back to the sign-in page " + finalPath + ": the session was lost");
        }
        if (Boolean.TRUE.equals(seen.get("xss")) || probeFired(browser)) {
            problems.add("HTML from data was run or built (window.__xss set or a .xss-probe element exists)");
        }
        if (!foreign) {
            String text = (String) seen.get("text");
            ERROR_TEXTS.stream()
                    .filter(text::contains)
                    .forEach(t -> problems.add("shows the error text \"" + t + "\""));
            if (((Number) seen.get("h1")).intValue() == 0) {
                problems.add("has no <h1>");
            }
            if (status < 400) {
                problems.addAll(rawProblems());
            }
        }
        problems.addAll(extraChecks("desk"));
        String slug = String.format(Locale.ROOT, "%02d-%s", number, slug(url));
        String deskShot = screenshot(DESK, slug);
        phone();
        problems.addAll(extraChecks("phone"));
        String phoneShot = screenshot(PHONE, slug);
        desk();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        List<String> links = new ArrayList<>();
        if (!foreign && status < 400) {
            for (Object href : (List<Object>) seen.get("links")) {
                String h = String.valueOf(href);
                if (h.replaceFirst("^download:", "").startsWith(origin + "/")) {
                    links.add(h);
                }
            }
        }
        String title = String.valueOf(seen.get("title"));
        return new Visit(
                new Page(number, url, pattern, from, status, title, List.copyOf(problems), deskShot, phoneShot, millis),
                links);
    }

    private List<String> extraChecks(String where) {
        List<String> found = new ArrayList<>();
        for (PageCheck check : checks) {
            for (String problem : check.check(browser)) {
                found.add("(" + where + ") " + problem);
            }
        }
        return found;
    }

    /** The page's HTML as the server sent it: a template that failed half-way leaves it without its end. */
    @SuppressWarnings("unchecked")
    private List<String> rawProblems() {
        Map<String, Object> raw = (Map<String, Object>) js().executeAsyncScript(FETCH_SELF);
        List<String> problems = new ArrayList<>();
        if (raw.get("error") != null) {
            problems.add("could not be fetched again: " + raw.get("error"));
            return problems;
        }
        String tail = String.valueOf(raw.get("tail"));
        if (!tail.contains("</html>")) {
            problems.add("its HTML stops before </html> (a template failed while it was written)");
        }
        if (Boolean.TRUE.equals(raw.get("templateError"))) {
            problems.add("its HTML contains a template exception");
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private Download download(String url, String from) {
        Map<String, Object> got = (Map<String, Object>) js().executeAsyncScript(FETCH_DOWNLOAD, url);
        int status = ((Number) got.getOrDefault("status", -1)).intValue();
        long bytes = ((Number) got.getOrDefault("bytes", 0)).longValue();
        List<String> problems = new ArrayList<>();
        if (got.get("error") != null) {
            problems.add("download failed: " + got.get("error"));
        } else if (status < 200 || status >= 300) {
            problems.add("download answered " + status);
        } else if (bytes == 0) {
            problems.add("download is empty");
        }
        return new Download(url, from, status, bytes, problems);
    }

    private String screenshot(int width, String slug) {
        Path file = shots.resolve(String.valueOf(width)).resolve(slug + ".png");
        try {
            Files.createDirectories(file.getParent());
            Number w = (Number)
                    js().executeScript("return Math.max(document.documentElement.scrollWidth, window.innerWidth)");
            Number h = (Number)
                    js().executeScript("return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
            Map<String, Object> clip = Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    w.intValue(),
                    "height",
                    Math.min(h.intValue(), MAX_SHOT_HEIGHT),
                    "scale",
                    1);
            Map<String, Object> shot = ((ChromeDriver) browser)
                    .executeCdpCommand(
                            "Page.captureScreenshot",
                            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return identity + "/" + width + "/" + file.getFileName();
    }

    private void desk() {
        resize(DESK, DESK_HEIGHT);
    }

    private void phone() {
        resize(PHONE, PHONE_HEIGHT);
    }

    private void resize(int width, int height) {
        Dimension size = browser.manage().window().getSize();
        if (size.getWidth() != width || size.getHeight() != height) {
            browser.manage().window().setSize(new Dimension(width, height));
        }
        Number inner = (Number) js().executeScript("return window.innerWidth");
        if (inner.intValue() != width) {
            // a window manager's minimum width: emulate the viewport instead
            ((ChromeDriver) browser)
                    .executeCdpCommand(
                            "Emulation.setDeviceMetricsOverride",
                            Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /** A probe image of data shown as HTML then fails without asking the server; its onerror still runs. */
    static void blockProbeImages(WebDriver browser) {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/x")));
    }

    /** Whether the open page ran or built HTML of the probe. */
    static boolean probeFired(WebDriver browser) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript("return window.__xss === 1 || document.querySelector('.xss-probe') !== null"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private String describe(String url, String from, String problem) {
        return path(url) + (from == null ? " (start page)" : " (linked from " + path(from) + ")") + ": " + problem;
    }

    private String path(String url) {
        return url.startsWith(origin) ? url.substring(origin.length()) : url;
    }

    private boolean followed(String url) {
        return !NOT_FOLLOWED.contains(URI.create(url).getPath());
    }

    /** Pages of the API documentation's own UI (Swagger UI): opened and photographed, their status checked, no more. */
    private static boolean isForeign(String path) {
        return path.startsWith("/api-docs-ui") || path.startsWith("/swagger-ui") || path.startsWith("/v3/");
    }

    static boolean isDownload(String url) {
        String path = URI.create(url).getPath().toLowerCase(Locale.ROOT);
        return path.endsWith(".csv")
                || path.endsWith(".pdf")
                || path.endsWith(".txt")
                || path.contains("/export")
                || path.contains("template");
    }

    /** The URL with ids, ICCIDs, numbers and query values replaced, so that rows of one list share one pattern. */
    static String pattern(String url) {
        URI uri = URI.create(url);
        String path = DIGITS.matcher(UUID_LIKE.matcher(uri.getPath()).replaceAll("{id}"))
                .replaceAll("{n}");
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return path;
        }
        Map<String, String> keys = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            keys.put(key, "*");
        }
        return path + "?" + keys.keySet().stream().map(k -> k + "=*").collect(Collectors.joining("&"));
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String slug(String url) {
        String s = URI.create(url).getPath().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
        s = s.isEmpty() ? "home" : s;
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static final String READ_PAGE = """
            const nav = performance.getEntriesByType('navigation')[0];
            return {
              status: nav && nav.responseStatus !== undefined ? nav.responseStatus : -1,
              h1: document.querySelectorAll('h1').length,
              xss: window.__xss === 1 || document.querySelector('.xss-probe') !== null,
              title: document.title,
              text: document.body ? document.body.innerText : '',
              links: Array.from(document.querySelectorAll('a[href]'))
                  .map(a => (a.hasAttribute('download') ? 'download:' : '') + a.href)
            };
            """;

    private static final String FETCH_SELF = """
            const done = arguments[arguments.length - 1];
            fetch(location.href, {credentials: 'same-origin', redirect: 'follow'})
              .then(r => r.text())
              .then(t => done({
                tail: t.slice(-300),
                templateError: /TemplateProcessingException|TemplateInputException|SpelEvaluationException/.test(t)
              }))
              .catch(e => done({error: String(e)}));
            """;

    private static final String FETCH_DOWNLOAD = """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {credentials: 'same-origin'})
              .then(r => r.arrayBuffer().then(b => done({status: r.status, bytes: b.byteLength})))
              .catch(e => done({error: String(e)}));
            """;
}
