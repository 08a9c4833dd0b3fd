package io.sincro.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.AntPathMatcher;

/**
 * Which role each API call needs: the one table the filter chain enforces and the OpenAPI document
 * shows. The first rule that matches decides. GETs read (VIEWER); syncs, replays, schedules and
 * storefront orders act (OPERATOR); everything else that writes — accounts and their credentials,
 * keys, users — and the audit log is ADMIN's, so a call added later without a rule is ADMIN-only
 * until someone decides otherwise.
 */
public final class ApiAccess {

    /** @param methods empty for any method */
    record Rule(Set<String> methods, String pattern, Role role) {

        boolean matches(String method, String path) {
            return (methods.isEmpty() || methods.contains(method)) && PATHS.match(pattern, path);
        }
    }

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Set<String> ANY = Set.of();
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> PUT = Set.of("PUT");
    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> WRITE = Set.of("POST", "PUT", "PATCH", "DELETE");

    static final List<Rule> RULES = List.of(
            new Rule(ANY, "/api/keys/**", Role.ADMIN),
            new Rule(ANY, "/api/users/**", Role.ADMIN),
            new Rule(ANY, "/api/audit/**", Role.ADMIN),
            // previews compute the next runs and change nothing
            new Rule(POST, "/api/accounts/*/schedule/preview", Role.VIEWER),
            new Rule(POST, "/api/erp/schedule/preview", Role.VIEWER),
            // a filter preview only reads the catalogue
            new Rule(POST, "/api/filters/preview", Role.VIEWER),
            new Rule(POST, "/api/accounts/*/sync/**", Role.OPERATOR),
            new Rule(PUT, "/api/accounts/*/schedule", Role.OPERATOR),
            new Rule(POST, "/api/accounts/*/schedule/reset", Role.OPERATOR),
            new Rule(POST, "/api/erp/sync/**", Role.OPERATOR),
            new Rule(PUT, "/api/erp/schedule", Role.OPERATOR),
            new Rule(POST, "/api/erp/schedule/reset", Role.OPERATOR),
            // "try again" after the ERP refused the hub's login: one probe, as an operator decides
            new Rule(POST, "/api/erp/login/retry", Role.OPERATOR),
            // a storefront posts its orders with an OPERATOR key; releasing a held order is an operator's act
            new Rule(POST, "/api/orders/*/retry", Role.OPERATOR),
            new Rule(POST, "/api/orders/retry", Role.OPERATOR),
            new Rule(POST, "/api/orders/**", Role.OPERATOR),
            new Rule(POST, "/api/dead-letters/*/replay", Role.OPERATOR),
            new Rule(POST, "/api/sandbox/**", Role.OPERATOR),
            // what is on sale where is the merchant operators' decision; a what-if preview changes nothing
            new Rule(POST, "/api/lists/*/preview", Role.VIEWER),
            // sending the decided transactions to the shop, or a refused one again, is an operator's act
            new Rule(POST, "/api/lists/*/deliver", Role.OPERATOR),
            new Rule(POST, "/api/lists/*/items/*/retry", Role.OPERATOR),
            new Rule(WRITE, "/api/listings/**", Role.OPERATOR),
            new Rule(WRITE, "/api/sales-rules/**", Role.OPERATOR),
            new Rule(WRITE, "/api/lists/**", Role.OPERATOR),
            new Rule(READ, "/api/**", Role.VIEWER),
            new Rule(ANY, "/api/**", Role.ADMIN),
            new Rule(READ, "/actuator/**", Role.VIEWER));

    /** Health, liveness and readiness answer anyone: load balancers and orchestrators probe them. */
    static final List<String> PUBLIC = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/error");

    /**
     * The web console's static files (its page, scripts, styles and message bundles): they hold no data
     * and must load before anyone has signed in; every call they make to {@code /api} needs the session.
     */
    static boolean isConsole(String method, String path) {
        return READ.contains(method) && (path.equals("/") || path.equals("/index.html")
                || path.startsWith("/console/") && !path.contains(".."));
    }

    private ApiAccess() {
    }

    /** The role a call needs; empty for a path outside the API and actuator (or a public one). */
    public static Optional<Role> required(String method, String path) {
        if (PUBLIC.contains(path)) {
            return Optional.empty();
        }
        return RULES.stream().filter(rule -> rule.matches(method, path)).map(Rule::role).findFirst();
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Whether the path is one of the API's or the actuator's, where a missing principal gets 401, not a login page. */
    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
    }
}
