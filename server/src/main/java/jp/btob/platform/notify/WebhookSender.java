package jp.btob.platform.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Posts a webhook: the stored JSON body, signed with the endpoint's current secret at the time of
 * the attempt, after checking again where the URL now points. A 2xx answer delivers it; any
 * other answer, or none in time, is a failure. Redirects are not followed.
 */
class WebhookSender {

    private final WebClient client;

    private final AddressGuard guard;

    private final WebhookEndpoints endpoints;

    private final NotifyProperties.Operators operators;

    private final Clock clock;

    WebhookSender(WebClient client, AddressGuard guard, WebhookEndpoints endpoints, NotifyProperties.Operators operators,
                  Clock clock) {
        this.client = client;
        this.guard = guard;
        this.endpoints = endpoints;
        this.operators = operators;
        this.clock = clock;
    }

    /** The secrets that sign, or the {@link Gone} error when the endpoint was removed or is no longer configured. */
    Mono<List<String>> secrets(NotificationRow row) {
        if (row.webhookEndpointId() != null) {
            return endpoints.secrets(row.webhookEndpointId())
                    .switchIfEmpty(Mono.error(() -> new Gone("endpoint removed")));
        }
        return operators.webhookSecret() != null && row.recipient().equals(operators.webhookUrl())
                ? Mono.just(List.of(operators.webhookSecret()))
                : Mono.error(new Gone("the operators' webhook is no longer configured at this URL"));
    }

    /** Answers the receiver's 2xx status; any other status is the {@link Refused} error carrying it. */
    Mono<Integer> send(NotificationRow row, List<String> secrets) {
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        return guard.check(row.recipient())
                .flatMap(uri -> client.post()
                        .uri(uri)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(WebhookSignature.EVENT_ID, row.eventId().toString())
                        .header(WebhookSignature.HEADER,
                                WebhookSignature.header(secrets, clock.instant().getEpochSecond(), body))
                        .bodyValue(body)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
                .flatMap(status -> status >= 200 && status < 300 ? Mono.just(status)
                        : Mono.error(new Refused(status)));
    }

    /** The receiver answered, but not with 2xx. */
    static final class Refused extends RuntimeException {

        private final int status;

        Refused(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** There is nowhere to send this row any more; it is cancelled, not retried. */
    static final class Gone extends RuntimeException {

        Gone(String message) {
            super(message, null, false, false);
        }
    }
}
