package jp.btob.platform.incident;

import reactor.core.publisher.Mono;

/**
 * Where incident e-mail leaves the incident feature: called inside the transaction that publishes
 * or changes a notice, once per notice, with the addresses of the company's active administrators.
 * An implementation that queues mail must join that transaction, so that no mail goes out for a
 * notice that was rolled back and none is lost for one that was committed.
 */
public interface IncidentMailer {

    Mono<Void> send(NoticeMail mail);
}
