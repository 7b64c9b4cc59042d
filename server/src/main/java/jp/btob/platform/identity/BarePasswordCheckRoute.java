package jp.btob.platform.identity;

import org.springframework.context.annotation.Profile;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The load benchmark's bare password check, only with the profile {@code benchmark}: {@code POST
 * /bench/bare/password-check} reads and drops its body, checks one password against its Argon2id
 * hash with the server's own {@link PasswordHasher} (its parameters, its scheduler of one hash per
 * core) and answers 204, in front of every web filter, Spring Security and the dispatcher. A load
 * run of it beside the login states what the password hash alone allows in the same JVM, on the
 * same cores, so that the logins' share of it is the cost of everything else a login does. It
 * checks no caller and touches no account, so it never runs where real data is.
 */
@Component
@Profile("benchmark")
class BarePasswordCheckRoute implements HttpHandlerDecoratorFactory {

    static final String PATH = "/bench/bare/password-check";

    private static final String PASSWORD = "Bench#password-2026";

    private final PasswordHasher hasher;

    /** Hashed once, on the hasher's own threads, by the first check. */
    private final Mono<String> hash;

    BarePasswordCheckRoute(PasswordHasher hasher) {
        this.hasher = hasher;
        this.hash = hasher.hash(PASSWORD).cache();
    }

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            if (request.getMethod() != HttpMethod.POST || !PATH.equals(request.getPath().pathWithinApplication().value())) {
                return next.handle(request, response);
            }
            return request.getBody().doOnNext(DataBufferUtils::release)
                    .then(hash.flatMap(stored -> hasher.matches(PASSWORD, stored)))
                    .flatMap(matched -> {
                        response.setStatusCode(matched ? HttpStatus.NO_CONTENT : HttpStatus.INTERNAL_SERVER_ERROR);
                        return response.setComplete();
                    });
        };
    }
}
