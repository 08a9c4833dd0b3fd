package io.sincro.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Three ways in: an API key ({@code X-API-Key}, stateless, for machines), a user's
 * session after form login at {@code /login} (for people and the web console served at {@code /}; writes
 * need the CSRF token), and, when an issuer is configured, a bearer JWT from the company's identity provider.
 * What each role may call is {@link ApiAccess}'s table.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.OPERATOR.name())
                .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    public SecurityFilterChain hubSecurity(HttpSecurity http, ApiKeys keys, HubUsers users, AuditLog audit,
            RestOperations operations, SecurityProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String springIssuer) throws Exception {
        String issuer = properties.oidc().enabled() ? properties.oidc().issuerUri() : springIssuer;
        boolean oidc = issuer != null && !issuer.isBlank();
        ProblemResponses problems = new ProblemResponses(oidc);
        RequestMatcher bearer = request -> oidc && Optional.ofNullable(request.getHeader("Authorization"))
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();

        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(request -> ApiAccess.PUBLIC.contains(ApiAccess.path(request))).permitAll()
                        .requestMatchers(request -> ApiAccess.isConsole(request.getMethod(), ApiAccess.path(request)))
                            .permitAll()
                        .requestMatchers(request -> ApiAccess.isApi(ApiAccess.path(request)))
                            .access(byRole(roleHierarchy()))
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiKeyFilter(keys, problems), CsrfFilter.class)
                .addFilterBefore(new SessionUserCheck(users), ExceptionTranslationFilter.class)
                .addFilterBefore(new AuditFilter(audit, operations), ExceptionTranslationFilter.class)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request -> needsCsrfToken(request, bearer)))
                .formLogin(form -> form.defaultSuccessUrl("/api/session", true).permitAll())
                .logout(logout -> logout.permitAll())
                // an API call refused for want of a principal is not replayed after a login: nothing to keep
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .exceptionHandling(errors -> errors
                        // a missing principal on the API gets 401 (a browser elsewhere: the login page, which
                        // Spring generates only while no entry point is set for every request)
                        .defaultAuthenticationEntryPointFor((request, response, e) -> problems.unauthorized(response,
                                "this call needs an API key (" + ApiKeys.HEADER + " header), a session (log in at "
                                        + "/login)" + (oidc ? " or a bearer token" : "")),
                                request -> ApiAccess.isApi(ApiAccess.path(request)))
                        .accessDeniedHandler((request, response, e) -> problems.forbidden(response,
                                e instanceof org.springframework.security.web.csrf.CsrfException
                                        ? "a change made with a session needs the CSRF token (X-CSRF-TOKEN header; "
                                                + "GET /api/session gives it)"
                                        : "this call needs the role " + ApiAccess.required(request.getMethod(),
                                                ApiAccess.path(request)).map(Role::name).orElse("?"))));
        if (oidc) {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.decoder(jwtDecoder(issuer)).jwtAuthenticationConverter(
                            new OidcRoles(properties.oidc().rolesClaim(), properties.oidc().principalClaim())))
                    .authenticationEntryPoint((request, response, e) -> problems.unauthorized(response,
                            "the bearer token was refused: " + e.getMessage())));
        }
        return http.build();
    }

    /**
     * CSRF protects what a browser sends by itself: the session cookie. A request with an API key or a
     * bearer token cannot be forged cross-site (a page cannot add those headers), and a request with no
     * session is anonymous anyway (it gets 401, nothing changes). The login form is always checked.
     */
    private static boolean needsCsrfToken(HttpServletRequest request, RequestMatcher bearer) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) {
            return false;
        }
        if (ApiKeyFilter.carriesKey(request) || bearer.matches(request)) {
            return false;
        }
        return ApiAccess.path(request).equals("/login") || request.getRequestedSessionId() != null
                || request.getSession(false) != null;
    }

    private static AuthorizationManager<RequestAuthorizationContext> byRole(RoleHierarchy hierarchy) {
        Map<Role, AuthorityAuthorizationManager<RequestAuthorizationContext>> managers = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            AuthorityAuthorizationManager<RequestAuthorizationContext> manager =
                    AuthorityAuthorizationManager.hasRole(role.name());
            manager.setRoleHierarchy(hierarchy);
            managers.put(role, manager);
        }
        return new AuthorizationManager<>() {
            @Override
            @SuppressWarnings("deprecation")
            public AuthorizationDecision check(Supplier<Authentication> authentication,
                    RequestAuthorizationContext context) {
                HttpServletRequest request = context.getRequest();
                Role role = ApiAccess.required(request.getMethod(), ApiAccess.path(request)).orElse(Role.ADMIN);
                return managers.get(role).check(authentication, context);
            }
        };
    }

    /** Lazy: the provider's discovery document is read when the first token arrives, so the hub starts without it. */
    private static JwtDecoder jwtDecoder(String issuer) {
        return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
    }
}
