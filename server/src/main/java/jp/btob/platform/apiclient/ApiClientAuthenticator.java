package jp.btob.platform.apiclient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.system.Times;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds the API client behind a secret sent as a bearer token: one indexed lookup of its SHA-256,
 * no password hashing. A secret the platform knows but no longer accepts (revoked or expired
 * client, rotated secret past its overlap, suspended company) is recorded on the company's trail
 * as {@code auth.api-client}; an unknown one is only counted, as any invalid token is.
 */
@Component
public class ApiClientAuthenticator {

    /** Use is written down at most this often, so a busy client costs no write per request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiClientRepository clients;

    private final AuditLog audit;

    private final Clock clock;

    ApiClientAuthenticator(ApiClientRepository clients, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Authentication> authenticate(String secret) {
        if (!ApiClientSecrets.wellFormed(secret)) {
            return Mono.error(new BadCredentialsException("Malformed API client secret"));
        }
        byte[] hash = ApiClientSecrets.hash(secret);
        Instant now = Times.now(clock);
        return clients.findLive(hash, now)
                .flatMap(live -> touch(live, now)
                        .thenReturn(new ApiClientAuthentication(new ApiClientCaller(live.id(), live.companyId(), live.scopes(), live.allowlist()))))
                .<Authentication>map(authentication -> authentication)
                .switchIfEmpty(Mono.defer(() -> refused(hash, now)));
    }

    private Mono<Void> touch(ApiClientRepository.LiveClient live, Instant now) {
        return live.lastUsedAt() != null && live.lastUsedAt().plus(LAST_USED_PRECISION).isAfter(now)
                ? Mono.empty() : clients.touch(live.id(), now);
    }

    private Mono<Authentication> refused(byte[] hash, Instant now) {
        return clients.findRefused(hash, now)
                .flatMap(client -> audit.record(new AuditEntry(client.companyId(), Actor.apiClient(client.id()),
                        AuditAction.API_CLIENT_AUTH, "api-client", client.id(), AuditOutcome.FAILURE,
                        Map.of("reason", client.reason()))))
                .then(Mono.error(() -> new BadCredentialsException("No live API client for this secret")));
    }
}
