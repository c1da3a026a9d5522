package io.iotconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Checks of the page a browser shows, each answering a list of readable findings (empty when the page passes): its
 * serious and critical accessibility violations found by axe-core (installed by {@code npm ci} in
 * {@code src/test/browser}), and the elements that stick out of the viewport sideways.
 */
public final class PageChecks {
    private static final Path AXE = Path.of("src", "test", "browser", "node_modules", "axe-core", "axe.min.js");
    private static final Set<WebDriver> PRELOADED =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static volatile String axeSource;

    private PageChecks() {}

    /**
     * The serious and critical WCAG 2.x A/AA and best-practice violations axe-core finds in the current page, one
     * line each: rule id, impact, what it asks, and the CSS selectors of the failing elements with the first one's
     * explanation.
     */
    public static List<String> axeViolations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (browser instanceof HasCdp cdp && PRELOADED.add(browser)) {
            // from now on every page this browser opens starts with axe-core loaded
            cdp.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axe()));
        }
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(axe());
        }
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations
                    .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) {
                      var targets = v.nodes.slice(0, 8).map(function (n) { return n.target.join(' >> '); });
                      var more = v.nodes.length > 8 ? ' and ' + (v.nodes.length - 8) + ' more' : '';
                      var why = v.nodes.length > 0 && v.nodes[0].failureSummary
                        ? ' (' + v.nodes[0].failureSummary.replace(/\\s+/g, ' ').trim() + ')' : '';
                      return v.id + ' [' + v.impact + '] ' + v.help + ': ' + targets.join(', ') + more + why;
                    }));
                }).catch(function (e) { done(['axe-core could not run: ' + e]); });
                """);
        return strings(result);
    }

    /**
     * Whether the page is wider than the window, and which elements stick out of it (left or right), outermost
     * first; an element inside a box that scrolls or clips sideways is that box's business, not the page's.
     */
    public static List<String> horizontalOverflow(WebDriver browser) {
        Object result = ((JavascriptExecutor) browser).executeScript("""
                var width = document.documentElement.clientWidth;
                var found = [];
                var page = document.documentElement.scrollWidth;
                if (page > window.innerWidth) {
                  found.push('the page is ' + page + ' px wide in a ' + window.innerWidth + ' px window');
                }
                function describe(e) {
                  var d = e.tagName.toLowerCase();
                  if (e.id) { d += '#' + e.id; }
                  if (typeof e.className === 'string' && e.className.trim()) {
                    d += '.' + e.className.trim().split(/\\s+/).join('.');
                  }
                  var text = (e.textContent || '').replace(/\\s+/g, ' ').trim();
                  return d + (text ? ' "' + text.slice(0, 40) + '"' : '');
                }
                function clipped(e) {
                  for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    var o = getComputedStyle(p).overflowX;
                    if (o !== 'visible') { return true; }
                  }
                  return false;
                }
                var outside = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  if (e.checkVisibility && !e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) {
                    return;
                  }
                  var r = e.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0) { return; }
                  if (r.right > width + 1 || r.left < -1) {
                    var s = getComputedStyle(e);
                    if (s.position === 'absolute' && (r.right < 0 || r.left > width)) { return; }
                    if (s.visibility === 'hidden' || clipped(e)) { return; }
                    outside.push(e);
                  }
                });
                outside.filter(function (e) {
                  return !outside.some(function (o) { return o !== e && o.contains(e); });
                }).slice(0, 10).forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  found.push(describe(e) + ' spans ' + Math.round(r.left) + ' to ' + Math.round(r.right)
                    + ' px of ' + width);
                });
                return found;
                """);
        return strings(result);
    }

    private static List<String> strings(Object result) {
        if (!(result instanceof List<?> list)) {
            throw new IllegalStateException("Expected a list from the page, got " + result);
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static String axe() {
        String source = axeSource;
        if (source == null) {
            try {
                source = Files.readString(AXE, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "axe-core is missing at " + AXE + ": the build installs it with npm ci in src/test/browser", e);
            }
            axeSource = source;
        }
        return source;
    }
}
