package jp.btob.platform.system.security;

import java.util.List;

import jp.btob.platform.identity.SessionAuthenticationFilterFactory;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may reach what. The API is stateless: every request proves itself with its session
 * token, so there is no server-side security context, form login or HTTP basic.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SessionAuthenticationFilterFactory sessions,
                                                  Problems problems) {
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
                .addFilterAt(sessions.create(), SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, SessionAuthenticationFilterFactory.LOGIN_PATH).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
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
