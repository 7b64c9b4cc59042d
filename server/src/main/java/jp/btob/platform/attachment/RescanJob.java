package jp.btob.platform.attachment;

import java.time.Clock;
import java.time.Duration;

import jp.btob.platform.audit.Actor;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.system.Periodic;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.MalwareDetectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Scans again, every {@code btob.attachments.rescan-interval}, the files left {@code pending-scan}
 * because the scanner could not answer at their upload. Every instance may run it: each claims
 * other files ({@code FOR UPDATE SKIP LOCKED}), and a file is settled once whoever scans it.
 */
@Component
public class RescanJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RescanJob.class);

    /** Files claimed per round; each is scanned in turn, so a round takes at most this many scans. */
    private static final int BATCH = 20;

    private final AttachmentRepository attachments;

    private final AttachmentService service;

    private final FieldEncryption encryption;

    private final VirusScanner scanner;

    private final AttachmentProperties properties;

    private final Duration lease;

    private final Clock clock;

    private final Periodic schedule = new Periodic();

    RescanJob(AttachmentRepository attachments, AttachmentService service, FieldEncryption encryption, VirusScanner scanner,
              AttachmentProperties properties, ClamavProperties clamav, Clock clock) {
        this.attachments = attachments;
        this.service = service;
        this.encryption = encryption;
        this.scanner = scanner;
        this.properties = properties;
        this.lease = clamav.timeout().multipliedBy(2);
        this.clock = clock;
    }

    /** One round, now: answers how many files it settled (available or quarantined). */
    public Mono<Long> rescan() {
        return attachments.claimPending(Times.now(clock), lease, BATCH)
                .concatMap(pending -> encryption.decrypt(pending.companyId(), AttachmentRepository.CONTENT.aad(pending.id()),
                                pending.ciphertext())
                        .flatMap(content -> scanner.scan(content)
                                .filter(verdict -> verdict.kind() != Verdict.Kind.UNSCANNED)
                                .flatMap(verdict -> attachments.find(pending.id())
                                        .flatMap(row -> service.settle(row, verdict, Actor.system())))
                                .thenReturn(true)
                                .onErrorResume(MalwareDetectedException.class, quarantined -> Mono.just(true))))
                .count();
    }

    @Override
    public void start() {
        Duration interval = properties.rescanInterval();
        if (!interval.isZero()) {
            schedule.start(interval, interval, this::rescan,
                    failure -> log.error("Rescanning attachments failed; the next run tries again", failure));
        }
    }

    @Override
    public void stop() {
        schedule.stop();
    }

    @Override
    public boolean isRunning() {
        return schedule.running();
    }
}
