package io.iotconsole.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.iotconsole.authz.MatrixFixtures.Answer;
import io.iotconsole.authz.MatrixFixtures.Caller;
import io.iotconsole.authz.MatrixFixtures.Relation;
import io.iotconsole.authz.MatrixFixtures.Target;
import io.iotconsole.security.Allow;
import io.iotconsole.security.HandlerAccess;
import io.iotconsole.security.Permission;
import io.iotconsole.security.Role;
import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every console page, Management API operation and customer app address, called by every kind of caller, with the
 * answer each must get derived from the handler's {@link Allow} and the permission table: allowed, 403, 404 (another
 * organisation's object), or 401 / the sign-in page. Callers: every role of organisation A, the platform operator, a
 * Group user on a SIM outside its groups, B's Owner with A's ids, A1's (a sub-organisation of A) Owner and Admin with
 * A's ids, A's Owner with A1's ids (it sees A1 itself but none of A1's data), a customer of A in the app, and nobody.
 * A route whose path variables the fixtures cannot fill, or an OpenAPI operation without an annotated handler,
 * fails.
 */
@IntegrationTest
class AccessMatrixTests {
    /** Spring's error page and springdoc's document and UI: not the product's, public by the filter chains. */
    private static final Set<String> FRAMEWORK_HANDLERS =
            Set.of("BasicErrorController", "OpenApiWebMvcResource", "SwaggerConfigResource", "SwaggerWelcomeWebMvc");

    private static final Pattern ALTERNATIVES = Pattern.compile("\\{(\\w+):([\\w-]+(?:\\|[\\w-]+)+)}");
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");

    @Autowired
    TestData data;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    enum Surface {
        CONSOLE,
        API,
        APP,
        APP_API;

        static Surface of(String path) {
            if (path.startsWith("/api/")) {
                return API;
            }
            if (path.startsWith("/app/api/")) {
                return APP_API;
            }
            return path.equals("/app") || path.startsWith("/app/") ? APP : CONSOLE;
        }

        boolean pages() {
            return this == CONSOLE || this == APP;
        }
    }

    /** The objects path variables stand for. */
    enum Kind {
        SIM,
        USER,
        ORGANISATION,
        GROUP,
        ORDER,
        CUSTOMER,
        UPLOAD,
        REPORT,
        STOCK_UPLOAD,
        STOCK_REPORT,
        TRANSFER_UPLOAD,
        TRANSFER_REPORT,
        WEBHOOK,
        WEBHOOK_DELIVERY,
        /** A customer app's own address: {@code /app/{slug}/...}. */
        APP
    }

    enum Outcome {
        /** Anything but a refusal: 401, 403, 404, the sign-in page or an error. A bodiless 400 / 409 is allowed. */
        ALLOWED,
        FORBIDDEN,
        NOT_FOUND,
        /** 401 in the APIs, the (console's or app's) sign-in page for pages. */
        SIGN_IN,
        /** A public address: anything but 403, 404, an error or the filter chain's own 401. */
        PUBLIC
    }

    /** One method and address of a handler, with any {@code {a|b}} alternatives expanded. */
    record Route(String method, String path, @Nullable String consumes, Allow allow, String handler) {
        Surface surface() {
            return Surface.of(path);
        }

        String name() {
            return method + " " + path + (consumes == null ? "" : " (" + consumes + ")");
        }

        /** A call that, allowed, deletes the object it names: it gets an object of its own. */
        boolean deletes() {
            return method.equals("DELETE") || path.endsWith("/delete");
        }
    }

    @TestFactory
    Stream<DynamicNode> everyRouteAnswersEveryCallerAsThePolicySays() {
        List<Route> routes = routes();
        MatrixFixtures fixtures = new MatrixFixtures(data);
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicContainer("sign-in", signInCases(fixtures)));
        for (Caller caller : fixtures.callers) {
            nodes.add(dynamicContainer(
                    caller.name,
                    routes.stream()
                            // signing out ends the caller's session: last
                            .sorted(Comparator.comparing(r -> r.path().endsWith("/logout")))
                            .map(r -> dynamicTest(r.name(), () -> check(fixtures, caller, r)))));
        }
        return nodes.stream();
    }

    /** The Management API is for api.access alone; API users never open the console. */
    private static Stream<DynamicNode> signInCases(MatrixFixtures fixtures) {
        return fixtures.callers.stream()
                .filter(c -> c.role != null)
                .map(c -> dynamicTest(c.name, () -> {
                    assertThat(c.apiToken != null)
                            .as("%s holds a Management API token", c.name)
                            .isEqualTo(Permission.API_ACCESS.grantFor(c.role).allows());
                    assertThat(c.consoleSignedIn)
                            .as("%s is signed in to the console", c.name)
                            .isEqualTo(c.role != Role.API_USER);
                }));
    }

    @Test
    void everyOpenApiOperationIsAnAnnotatedHandler() {
        JsonNode paths = data.api().get("/v3/api-docs").expect(200).json().get("paths");
        Map<String, Allow> declared = new LinkedHashMap<>();
        handlers.getHandlerMethods().forEach((info, method) -> {
            Allow allow = method.getMethodAnnotation(Allow.class);
            for (String pattern : info.getPatternValues()) {
                for (var m : info.getMethodsCondition().getMethods()) {
                    if (allow != null) {
                        declared.put(m.name() + " " + VARIABLE.matcher(pattern).replaceAll("{$1}"), allow);
                    }
                }
            }
        });
        List<String> operations = new ArrayList<>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }
        assertThat(operations).hasSizeGreaterThan(40);
        assertThat(operations)
                .as("OpenAPI operations without an annotated handler")
                .allMatch(declared::containsKey);
    }

    @Test
    void everyHandlerIsTheProductsAndDeclaresItsCallersOrIsAKnownFrameworkOne() {
        assertThat(HandlerAccess.undeclared(handlers.getHandlerMethods())).isEmpty();
        assertThat(handlers.getHandlerMethods().values().stream()
                        .filter(h -> !HandlerAccess.isProducts(h))
                        .map(h -> h.getBeanType().getSimpleName())
                        .distinct())
                .as("handlers that are not the product's")
                .allMatch(FRAMEWORK_HANDLERS::contains);
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                handlers.getHandlerMethods().entrySet()) {
            HandlerMethod method = e.getValue();
            if (!HandlerAccess.isProducts(method)) {
                continue;
            }
            Allow allow = method.getMethodAnnotation(Allow.class);
            assertThat(allow).as("@Allow on %s", method).isNotNull();
            RequestMappingInfo info = e.getKey();
            var consumes = info.getConsumesCondition().getConsumableMediaTypes();
            assertThat(info.getMethodsCondition().getMethods())
                    .as("HTTP methods of %s", method)
                    .isNotEmpty();
            for (String pattern : info.getPatternValues()) {
                for (String path : expand(pattern)) {
                    for (var m : info.getMethodsCondition().getMethods()) {
                        routes.add(new Route(
                                m.name(),
                                path,
                                consumes.isEmpty()
                                        ? null
                                        : consumes.iterator().next().toString(),
                                allow,
                                method.getShortLogMessage()));
                    }
                }
            }
        }
        routes.sort(Comparator.comparing(Route::name));
        assertThat(routes).hasSizeGreaterThan(100);
        return routes;
    }

    /** {@code /users/{id}/{action:deactivate|resend}} is {@code /users/{id}/deactivate} and {@code …/resend}. */
    private static List<String> expand(String pattern) {
        Matcher m = ALTERNATIVES.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        List<String> paths = new ArrayList<>();
        for (String alternative : m.group(2).split("\\|")) {
            paths.addAll(expand(pattern.substring(0, m.start()) + alternative + pattern.substring(m.end())));
        }
        return paths;
    }

    /** The kinds of object a path's variables name, by the collection each follows. */
    private static Set<Kind> kinds(String path) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        Matcher m = VARIABLE.matcher(path);
        while (m.find()) {
            kinds.add(kind(path.substring(0, m.start()), m.group(1), path));
        }
        return kinds;
    }

    private static Kind kind(String before, String variable, String path) {
        if (variable.equals("iccid")) {
            return Kind.SIM;
        }
        String collection = before.replaceFirst("^(/app)?/api/v1", "");
        Kind kind = switch (collection) {
            case "/users/" -> Kind.USER;
            case "/organizations/" -> Kind.ORGANISATION;
            case "/groups/" -> Kind.GROUP;
            case "/orders/" -> Kind.ORDER;
            case "/customers/" -> Kind.CUSTOMER;
            case "/customers/devices/uploads/" -> Kind.UPLOAD;
            case "/customers/devices/reports/" -> Kind.REPORT;
            case "/sims/stock/imports/" -> Kind.STOCK_UPLOAD;
            case "/sims/stock/reports/" -> Kind.STOCK_REPORT;
            case "/sims/transfer/uploads/" -> Kind.TRANSFER_UPLOAD;
            case "/sims/transfer/reports/" -> Kind.TRANSFER_REPORT;
            case "/webhooks/" -> Kind.WEBHOOK;
            case "/webhooks/{id}/deliveries/" -> Kind.WEBHOOK_DELIVERY;
            case "/app/" -> Kind.APP;
            default -> null;
        };
        assertThat(kind).as("the fixture for {%s} in %s", variable, path).isNotNull();
        return kind;
    }

    private static String fill(Route route, Target t) {
        Matcher m = VARIABLE.matcher(route.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Kind kind = kind(route.path().substring(0, m.start()), m.group(1), route.path());
            Object value = switch (kind) {
                case SIM -> t.sim();
                case USER ->
                    route.path().contains("/credential") ? t.apiUser() : route.deletes() ? t.freshUser() : t.user();
                case ORGANISATION -> t.organizationRoute();
                case GROUP -> route.deletes() ? t.freshGroup() : t.group();
                case ORDER -> t.order();
                case CUSTOMER -> t.customer();
                case UPLOAD -> t.upload();
                case REPORT -> t.report();
                case STOCK_UPLOAD -> t.stockUpload();
                case STOCK_REPORT -> t.stockReport();
                case TRANSFER_UPLOAD -> t.transferUpload();
                case TRANSFER_REPORT -> t.transferReport();
                case WEBHOOK -> route.deletes() ? t.freshWebhook() : t.webhook();
                case WEBHOOK_DELIVERY -> t.webhookDelivery();
                case APP -> t.appAddress();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** What the policy says this caller gets here. */
    static Outcome expected(Route route, Caller c) {
        Allow allow = route.allow();
        switch (allow.who()) {
            case PUBLIC -> {
                return Outcome.PUBLIC;
            }
            case CUSTOMER -> {
                return c.customer ? Outcome.ALLOWED : Outcome.SIGN_IN;
            }
            default -> {}
        }
        boolean signedIn = switch (route.surface()) {
            case API -> c.apiToken != null;
            case CONSOLE -> c.consoleSignedIn;
            case APP, APP_API -> false;
        };
        if (!signedIn || c.role == null) {
            return Outcome.SIGN_IN;
        }
        Role role = c.role;
        boolean permitted = switch (allow.who()) {
            case SIGNED_IN -> true;
            case OPERATOR -> role == Role.OPERATOR;
            default ->
                Arrays.stream(allow.value()).anyMatch(p -> p.grantFor(role).allows());
        };
        if (route.surface() == Surface.API
                && !Permission.API_ACCESS.grantFor(role).allows()) {
            permitted = false;
        }
        if (!permitted) {
            return Outcome.FORBIDDEN;
        }
        Set<Kind> kinds = kinds(route.path());
        if (kinds.contains(Kind.SIM)
                && !c.target.simInCallersGroups()
                && allow.who() == Allow.Who.PERMISSION
                && Arrays.stream(allow.value()).allMatch(p -> p.grantFor(role) != io.iotconsole.security.Grant.YES)) {
            return Outcome.NOT_FOUND; // a Group user: SIMs outside its groups do not exist for it
        }
        if (kinds.isEmpty() || c.relation == Relation.OWN) {
            return Outcome.ALLOWED;
        }
        if (c.relation == Relation.PARENT && kinds.equals(Set.of(Kind.ORGANISATION))) {
            return Outcome.ALLOWED; // a parent sees its sub-organisation itself, none of its data
        }
        return Outcome.NOT_FOUND;
    }

    private void check(MatrixFixtures fixtures, Caller c, Route route) {
        Outcome expected = expected(route, c);
        String path = fill(route, c.target);
        Answer answer = call(fixtures, c, route, path);
        String what = route.method() + " " + path + " by " + c.name + " (" + route.handler() + ") answered " + answer;
        assertThat(answer.status()).as("no server error: %s", what).isLessThan(500);
        boolean signInPage = route.surface().pages()
                && (answer.status() == 302 || answer.status() == 303)
                && signInPage(answer.location(), route.surface());
        switch (expected) {
            case PUBLIC ->
                assertThat(answer.status() == 403
                                || answer.status() == 404
                                || (answer.status() == 401 && answer.challenge().startsWith("Bearer")))
                        .as("public, but %s", what)
                        .isFalse();
            case ALLOWED ->
                assertThat(Set.of(401, 403, 404).contains(answer.status()) || signInPage)
                        .as("allowed, but %s", what)
                        .isFalse();
            case FORBIDDEN -> {
                assertThat(answer.status()).as("403 expected: %s", what).isEqualTo(403);
                problemInTheApi(route, answer, what);
            }
            case NOT_FOUND -> {
                assertThat(answer.status()).as("404 expected: %s", what).isEqualTo(404);
                problemInTheApi(route, answer, what);
            }
            case SIGN_IN -> {
                if (route.surface().pages()) {
                    assertThat(signInPage)
                            .as("the sign-in page expected: %s", what)
                            .isTrue();
                } else {
                    assertThat(answer.status()).as("401 expected: %s", what).isEqualTo(401);
                }
            }
        }
    }

    private static void problemInTheApi(Route route, Answer answer, String what) {
        if (!route.surface().pages()) {
            assertThat(answer.contentType()).as("a problem document: %s", what).startsWith("application/problem+json");
        } else {
            assertThat(answer.contentType()).as("a page: %s", what).startsWith("text/html");
        }
    }

    private static boolean signInPage(String location, Surface surface) {
        String target = URI.create(location).getPath();
        return surface == Surface.APP ? "/app/login".equals(target) : "/login".equals(target);
    }

    /** The call as a browser, the mobile app or an API client would make it, with an empty or minimal body. */
    private static Answer call(MatrixFixtures fixtures, Caller c, Route route, String path) {
        var request = HttpRequest.newBuilder(URI.create(fixtures.base + path));
        // the customer's app token goes everywhere but to the API's public addresses (where any unknown token is a 401)
        String bearer = route.surface() == Surface.API && c.apiToken != null
                ? c.apiToken
                : route.surface() == Surface.API && route.allow().who() == Allow.Who.PUBLIC ? null : c.appToken;
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        boolean safe = route.method().equals("GET") || route.method().equals("HEAD");
        if (safe) {
            return fixtures.send(c, request.method(route.method(), HttpRequest.BodyPublishers.noBody()));
        }
        switch (route.surface()) {
            case CONSOLE -> request.header("X-CSRF-TOKEN", c.consoleCsrf);
            case APP -> request.header("X-XSRF-TOKEN", c.appCsrf);
            default -> {}
        }
        if (route.method().equals("DELETE")) {
            return fixtures.send(c, request.DELETE());
        }
        String type = route.consumes() != null
                ? route.consumes()
                : route.surface().pages() ? "application/x-www-form-urlencoded" : "application/json";
        String body = type.contains("json") ? "{}" : "";
        return fixtures.send(
                c,
                request.header("Content-Type", type).method(route.method(), HttpRequest.BodyPublishers.ofString(body)));
    }
}
