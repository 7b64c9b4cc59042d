package jp.btob.platform.notify;

import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

import jp.btob.platform.system.Times;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Enqueues notifications into the outbox. Compose each call into the transaction of the change
 * it reports ({@code change.then(notifications.email(...)).as(tx::transactional)}): the
 * notification then exists if and only if the change committed, and the delivery worker is
 * woken as soon as it has. Delivery is at least once: a receiver may see a webhook twice, and
 * tells by its {@code X-Btob-Event-Id}. Never put a password, token, secret or document body
 * in a notification: e-mail and webhooks leave the platform.
 */
public class Notifications {

    private final NotificationRepository outbox;

    private final DeliveryWorker worker;

    private final NotifyProperties.Operators operators;

    private final Clock clock;

    Notifications(NotificationRepository outbox, DeliveryWorker worker, NotifyProperties.Operators operators, Clock clock) {
        this.outbox = outbox;
        this.worker = worker;
        this.operators = operators;
        this.clock = clock;
    }

    /** A plain-text e-mail to one address. */
    public Mono<Void> email(Topic topic, String to, String subject, String text) {
        return outbox.insert(Channel.EMAIL, topic, topic.id(), null, to, EmailSender.ENDPOINT, null, oneLine(subject), text,
                        Times.now(clock))
                .then(wakeAfterCommit());
    }

    /**
     * A signed JSON POST of a company's event to one of its webhook endpoints; {@code eventId} is its
     * stable {@code X-Btob-Event-Id}. Answers the delivery's ID.
     */
    public Mono<UUID> webhook(Topic topic, WebhookEndpoint endpoint, UUID eventId, String eventType, String json) {
        return outbox.insert(Channel.WEBHOOK, topic, eventId, eventType, endpoint.url(), endpointKey(endpoint.url()),
                        endpoint.id(), null, json, Times.now(clock))
                .flatMap(id -> wakeAfterCommit().thenReturn(id));
    }

    /** A notice to the platform's operators: an e-mail to each of their addresses and their webhook, where configured. */
    public Mono<Void> operators(Topic topic, UUID eventId, String subject, String text, String json) {
        Flux<Void> mails = Flux.fromIterable(operators.emails()).concatMap(to -> email(topic, to, subject, text));
        Mono<Void> hook = operators.webhookUrl() == null ? Mono.empty()
                : outbox.insert(Channel.WEBHOOK, topic, eventId, null, operators.webhookUrl(),
                        endpointKey(operators.webhookUrl()), null, null, json, Times.now(clock)).then(wakeAfterCommit());
        return mails.then(hook);
    }

    /** The delivery states of everything sent about these topics, oldest first. */
    public Flux<Delivery> deliveries(String topicType, Collection<UUID> topicIds) {
        return topicIds.isEmpty() ? Flux.empty() : outbox.deliveries(topicType, topicIds);
    }

    /** The circuit a webhook goes through: its URL without query, so one failing receiver stops only itself. */
    static String endpointKey(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private Mono<Void> wakeAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .map(synchronizations -> {
                    synchronizations.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(worker::wake);
                        }
                    });
                    return true;
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.just(false))
                .defaultIfEmpty(false)
                .doOnNext(registered -> {
                    if (!registered) {
                        worker.wake();
                    }
                })
                .then();
    }

    /** A subject is one line: a line break in it could start a header of its own. */
    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
