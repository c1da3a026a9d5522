package io.iotconsole.web;

import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.AccessPolicy;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's chrome needs: who is signed in, which organisation the page is about, and which section
 * of the navigation the page belongs to.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {
    static final String PLATFORM = "Platform";

    private final Organizations organizations;
    private final AccessPolicy access;

    LayoutModel(Organizations organizations, AccessPolicy access) {
        this.organizations = organizations;
        this.access = access;
    }

    @ModelAttribute("currentUser")
    @Nullable
    ConsoleUser currentUser() {
        return CurrentUser.find().orElse(null);
    }

    /**
     * The organisation the page is looked at from: the one named by the page's {@code organizationId} (or
     * {@code org}) parameter when the caller may see it, otherwise the signed-in user's own; "Platform" for the
     * operator on a page about no organisation in particular. Read only when a page shows it, so JSON answers and
     * htmx fragments cost no query.
     */
    @ModelAttribute("viewedOrganization")
    ViewedOrganization viewedOrganization(HttpServletRequest request) {
        return new ViewedOrganization(organizationParameter(request));
    }

    /** The name of the organisation a page is about, looked up once, when first asked for. */
    public final class ViewedOrganization {
        private final @Nullable UUID named;
        private @Nullable String name;

        ViewedOrganization(@Nullable UUID named) {
            this.named = named;
        }

        /** The organisation's name; null when nobody is signed in. */
        public @Nullable String getName() {
            if (name == null) {
                name = lookUp();
            }
            return name;
        }

        private @Nullable String lookUp() {
            Optional<ConsoleUser> user = CurrentUser.find();
            if (user.isEmpty()) {
                return null;
            }
            UUID own = user.get().organizationId();
            if (named != null && !named.equals(own)) {
                Optional<Organization> org = organizations.find(named);
                if (org.isPresent()
                        && (access.isOperator()
                                || (own != null && own.equals(org.get().parentId())))) {
                    return org.get().name();
                }
            }
            if (own == null) {
                return PLATFORM;
            }
            return organizations.find(own).map(Organization::name).orElse(PLATFORM);
        }
    }

    /** Pages whose first segment has no entry of its own in the navigation, and the entry they belong under. */
    private static final java.util.Map<String, String> SECTION_OF =
            java.util.Map.of("groups", "sims", "app-settings", "customers");

    /**
     * The navigation entry of the page: the first segment of the path ("sims" for /sims/123, and for the SIM groups),
     * "" for the dashboard.
     */
    @ModelAttribute("section")
    String section(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String first = end < 0 ? path.substring(start) : path.substring(start, end);
        return SECTION_OF.getOrDefault(first, first);
    }

    private static @Nullable UUID organizationParameter(HttpServletRequest request) {
        String value = request.getParameter("organizationId");
        if (value == null || value.isBlank()) {
            value = request.getParameter("org");
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
