package jp.btob.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jp.btob.client.model.LoginResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * For a client built with {@code login(loginId, password)}: signs in before the first call, signs in
 * again before the session expires and once more if the platform refuses the session (ended by an
 * administrator, say), and sends each request with the current token. Concurrent calls share one login.
 */
final class SessionRenewal implements ExchangeFilterFunction {

    /** The attribute the generated ApiClient sets to the operation's path template. */
    private static final String URI_TEMPLATE = WebClient.class.getName() + ".uriTemplate";
    /** The operations that sign in, which must go without a session. */
    private static final String LOGIN_PATH = "/api/v1/auth/login";
    /** Sign in again this long before the session expires, so that no call goes out on a dying token. */
    private static final Duration EARLY = Duration.ofMinutes(1);

    private record Session(String token, Instant renewAt) {
    }

    private final Supplier<Mono<LoginResponse>> login;
    private final SessionToken sessionToken;
    private final Clock clock;
    private final AtomicReference<Session> current = new AtomicReference<>();
    private final AtomicReference<Mono<Session>> renewing = new AtomicReference<>();

    SessionRenewal(Supplier<Mono<LoginResponse>> login, SessionToken sessionToken, Clock clock) {
        this.login = login;
        this.sessionToken = sessionToken;
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (LOGIN_PATH.equals(request.attribute(URI_TEMPLATE).orElse(null))) {
            return next.exchange(request);
        }
        return session().flatMap(session -> send(request, next, session)
                .onErrorResume(AuthenticationException.class, refused -> {
                    // The platform ended the session early: sign in once more, then give up.
                    current.compareAndSet(session, null);
                    return session().flatMap(renewed -> send(request, next, renewed));
                }));
    }

    private static Mono<ClientResponse> send(ClientRequest request, ExchangeFunction next, Session session) {
        return next.exchange(ClientRequest.from(request)
                .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + session.token()))
                .build());
    }

    private Mono<Session> session() {
        return Mono.defer(() -> {
            Session session = current.get();
            if (session != null && clock.instant().isBefore(session.renewAt())) {
                return Mono.just(session);
            }
            Mono<Session> fresh = Mono.defer(login).map(this::keep).cache();
            Mono<Session> shared = renewing.compareAndExchange(null, fresh);
            Mono<Session> pending = shared == null ? fresh : shared;
            return pending.doFinally(signal -> renewing.compareAndSet(pending, null));
        });
    }

    private Session keep(LoginResponse answer) {
        if (Boolean.TRUE.equals(answer.getMfaRequired())) {
            throw new IllegalStateException("The login asks for a second factor, which a client that signs in by "
                    + "itself cannot give: use an API client's secret (apiClient) for unattended calls");
        }
        if (Boolean.TRUE.equals(answer.getPasswordChangeRequired())) {
            throw new IllegalStateException("The password has expired: change it (me().changePassword) before "
                    + "the client can sign in by itself");
        }
        if (answer.getToken() == null || answer.getExpiresAt() == null) {
            throw new IllegalStateException("The login answered no session");
        }
        Instant expiresAt = answer.getExpiresAt().toInstant();
        Duration lifetime = Duration.between(clock.instant(), expiresAt);
        Duration early = lifetime.compareTo(EARLY.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : EARLY;
        Session session = new Session(answer.getToken(), expiresAt.minus(early));
        current.set(session);
        sessionToken.setBearerToken(answer.getToken());
        return session;
    }
}
