package jp.btob.platform.system.security;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.permission.OperationCatalog;
import jp.btob.platform.permission.PermissionGate;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordChangeGate;
import jp.btob.platform.identity.SessionAuthenticationFilterFactory;
import jp.btob.platform.operator.OperatorAuthenticationFilterFactory;
import jp.btob.platform.settings.ip.IpAllowlistGate;
import jp.btob.platform.settings.ip.IpAllowlistService;
import jp.btob.platform.ratelimit.CallerRateLimitGate;
import jp.btob.platform.ratelimit.RateLimiter;
import jp.btob.platform.system.WebFilterOrder;
import jp.btob.platform.system.management.ManagementPort;
import jp.btob.platform.system.idempotency.IdempotencyFilter;
import jp.btob.platform.system.idempotency.IdempotencyStore;
import jp.btob.platform.system.problem.ProblemExceptionHandler;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;

/**
 * Who may reach what. The API is stateless: every request proves itself with its session
 * token, so there is no server-side security context, form login or HTTP basic.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * Spring Security observes nothing of its own: no timer around each of its filters, each
     * authentication and each authorization of every request, which would cost the API a share of
     * its throughput for series nobody reads. Requests are measured once, by {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The management port, reachable only where {@code BTOB_MANAGEMENT_ADDRESS} lets it be, serves
     * the scraper and the probes without a session, and nothing else.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain managementWebFilterChain(ServerHttpSecurity http, ManagementPort management) {
        return http
                .securityMatcher(exchange -> management.received(exchange)
                        ? ServerWebExchangeMatcher.MatchResult.match()
                        : ServerWebExchangeMatcher.MatchResult.notMatch())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, "/actuator/prometheus", "/actuator/health",
                                "/actuator/health/**").permitAll()
                        .anyExchange().denyAll())
                .build();
    }

    /**
     * The API of both realms. Each realm's filter reads tokens on its own paths only, and each
     * path requires its realm's authority, so a token of one realm never works in the other.
     */
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SessionAuthenticationFilterFactory sessions,
                                                  OperatorAuthenticationFilterFactory operators, Problems problems,
                                                  IpAllowlistService allowlists, OperationCatalog operations,
                                                  AuditLog audit, RateLimiter rateLimiter,
                                                  IdempotencyStore idempotency, ProblemExceptionHandler failures) {
        // Inside the chain, in WebFilterOrder's order: SEC-IP first, so that from outside the company's
        // allow-list a session does nothing at all, not even spend its company's rate limit.
        Map<WebFilterOrder, List<WebFilter>> filters = new EnumMap<>(WebFilterOrder.class);
        filters.put(WebFilterOrder.AUTHENTICATION,
                List.of(sessions.create(OperatorAuthenticationFilterFactory.REALM), operators.create()));
        filters.put(WebFilterOrder.IP_ALLOWLIST, List.of(new IpAllowlistGate(allowlists, problems)));
        filters.put(WebFilterOrder.CALLER_RATE_LIMIT, List.of(new CallerRateLimitGate(rateLimiter)));
        filters.put(WebFilterOrder.PASSWORD_CHANGE, List.of(new PasswordChangeGate(problems)));
        // SEC-RBAC: each operation's x-permission, once the realm of its path is settled.
        filters.put(WebFilterOrder.PERMISSION, List.of(new PermissionGate(operations, problems, audit)));
        filters.put(WebFilterOrder.IDEMPOTENCY, List.of(new IdempotencyFilter(operations, idempotency, problems, failures)));
        filters.forEach((position, list) -> list.forEach(filter -> position.addTo(http, filter)));
        return http
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                // HstsFilter writes it on every response, those answered before this chain included.
                .headers(headers -> headers.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable))
                // The session cookie is SameSite=Strict, so no other site can make a browser send it.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, SessionAuthenticationFilterFactory.PRE_SESSION_PATHS).permitAll()
                        .pathMatchers(SessionAuthenticationFilterFactory.SSO_PATHS).permitAll()
                        .pathMatchers(HttpMethod.POST, OperatorAuthenticationFilterFactory.PRE_SESSION_PATHS).permitAll()
                        .pathMatchers(OperatorAuthenticationFilterFactory.PATHS)
                                .hasAuthority(Realm.OPERATOR.authority().getAuthority())
                        .pathMatchers("/api/**").hasAuthority(Realm.COMPANY.authority().getAuthority())
                        .pathMatchers("/livez", "/readyz", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, failure) -> {
                            HttpHeaders headers = new HttpHeaders();
                            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            return problems.write(exchange, ProblemType.UNAUTHENTICATED,
                                    "Log in first, then send the token as a bearer token or in the session cookie.",
                                    List.of(), headers);
                        })
                        .accessDeniedHandler((exchange, denied) ->
                                problems.write(exchange, ProblemType.FORBIDDEN, "You may not do this.")))
                .build();
    }
}
