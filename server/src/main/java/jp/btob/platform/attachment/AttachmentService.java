package jp.btob.platform.attachment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.trade.SharedDocument;
import jp.btob.platform.trade.SharedDocuments;
import jp.btob.platform.system.Sha256;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.problem.AttachmentUnavailableException;
import jp.btob.platform.system.problem.MalwareDetectedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Attachments for the two parties of a document (SEC-AV, SEC-ENC). An upload is read under the
 * size limit, hashed, encrypted under the uploader's data key and kept {@code PENDING_SCAN},
 * audited, in one transaction; then scanned: clean makes it available, malware quarantines it
 * and is audited as {@code attachment.malware} (which alerts the operators), and a scanner that
 * cannot answer leaves it for {@link RescanJob}. Only an available file is ever decrypted for a
 * download.
 */
@Service
class AttachmentService {

    /** Files attach to every kind of document between two parties: not to a workflow request, one company's own. */
    private static final Set<SharedDocument> ATTACHABLE = EnumSet.complementOf(EnumSet.of(SharedDocument.WORKFLOW_REQUEST));

    private static final String WHAT = "attachments";

    private static final HexFormat HEX = HexFormat.of();

    private final AttachmentRepository attachments;

    private final SharedDocuments documents;

    private final FieldEncryption encryption;

    private final VirusScanner scanner;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final AttachmentSettingsService limits;

    private final Duration lease;

    private final Clock clock;

    AttachmentService(AttachmentRepository attachments, SharedDocuments documents, FieldEncryption encryption,
                      VirusScanner scanner, AuditLog audit, TransactionalOperator tx, AttachmentSettingsService limits,
                      ClamavProperties clamav, Clock clock) {
        this.attachments = attachments;
        this.documents = documents;
        this.encryption = encryption;
        this.scanner = scanner;
        this.audit = audit;
        this.tx = tx;
        this.limits = limits;
        this.lease = clamav.timeout().multipliedBy(2);
        this.clock = clock;
    }

    /**
     * Keeps and scans a file for a document the caller's company is a party to. Answers the
     * attachment, available or still pending its scan; fails with malware-detected once an
     * infected file is quarantined.
     */
    Mono<AttachmentRow> upload(Caller caller, String type, UUID documentId, IncomingFile file) {
        return document(caller, type, documentId)
                .flatMap(kind -> limits.limit(caller.companyId())
                        .flatMap(file::read)
                        .flatMap(received -> keep(caller, kind, documentId, Uploads.safeName(received.givenName()),
                                received.content())
                                .flatMap(kept -> scanner.scan(received.content())
                                        .flatMap(verdict -> settle(kept, verdict, caller.actor())))))
                // A refusal before the body was read leaves it to be released here.
                .onErrorResume(refused -> file.discard().then(Mono.error(refused)));
    }

    /** A page of the attachments of a document the caller's company sees. */
    Flux<AttachmentRow> list(Caller caller, String type, UUID documentId, PageCursor after, int fetch) {
        return document(caller, type, documentId).flatMapMany(kind -> attachments.list(kind, documentId, after, fetch));
    }

    /** An attachment of a document the caller's company sees; any other answers as one that does not exist. */
    Mono<AttachmentRow> find(Caller caller, UUID id) {
        return attachments.find(id)
                .filterWhen(row -> documents.visible(caller, row.kind(), row.documentId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("attachment")))
                .flatMap(row -> SharedDocuments.mayRead(caller, row.kind(), WHAT).thenReturn(row));
    }

    /** The plaintext of an available attachment; any other status answers attachment-unavailable. */
    Mono<Download> download(Caller caller, UUID id) {
        return find(caller, id).flatMap(row -> row.status() != AttachmentStatus.AVAILABLE
                ? Mono.error(new AttachmentUnavailableException("The attachment is " + row.status().api().getValue()
                        + (row.status() == AttachmentStatus.QUARANTINED
                                ? ": malware was found in it, and it is never served."
                                : ": it has not been scanned for malware yet. Try again later.")))
                : attachments.content(id)
                        .flatMap(ciphertext -> encryption.decrypt(row.companyId(), AttachmentRepository.CONTENT.aad(id), ciphertext))
                        .map(content -> new Download(row, content)));
    }

    /**
     * Writes a scan's verdict on a kept file, once: a clean file becomes available; an infected one
     * is quarantined and audited on its uploader's chain in the same transaction, then refused with
     * malware-detected; a file not scanned stays as it is. When another scan settled it first, the
     * file as that one left it.
     */
    Mono<AttachmentRow> settle(AttachmentRow kept, Verdict verdict, Actor actor) {
        Instant now = Times.now(clock);
        return switch (verdict.kind()) {
            case UNSCANNED -> Mono.just(kept);
            case CLEAN -> attachments.settle(kept.id(), AttachmentStatus.AVAILABLE, null, now)
                    .switchIfEmpty(Mono.defer(() -> attachments.find(kept.id())));
            case INFECTED -> attachments.settle(kept.id(), AttachmentStatus.QUARANTINED, verdict.detail(), now)
                    .flatMap(quarantined -> audit.record(malware(quarantined, actor)).thenReturn(quarantined))
                    .as(tx::transactional)
                    .then(Mono.error(new MalwareDetectedException("The file contains malware (" + verdict.detail()
                            + "). It was not attached and is kept in quarantine; nobody can download it.")));
        };
    }

    private Mono<AttachmentRow> keep(Caller caller, SharedDocument kind, UUID documentId, String filename, byte[] content) {
        Instant now = Times.now(clock);
        return Mono.fromCallable(() -> new Facts(Sha256.of(content), Uploads.mediaType(content)))
                .subscribeOn(Schedulers.boundedElastic())
                .zipWith(attachments.newId())
                .flatMap(pair -> {
                    UUID id = pair.getT2();
                    AttachmentRow row = new AttachmentRow(id, kind, documentId, caller.companyId(), caller.actor(), filename,
                            pair.getT1().mediaType(), content.length, pair.getT1().sha256(), AttachmentStatus.PENDING_SCAN,
                            null, now, null);
                    return encryption.encrypt(caller.companyId(), AttachmentRepository.CONTENT.aad(id), content)
                            .flatMap(ciphertext -> attachments.insert(row, ciphertext, now.plus(lease))
                                    .flatMap(saved -> audit.record(uploaded(saved)).thenReturn(saved))
                                    .as(tx::transactional));
                });
    }

    /** The kind of a document the caller's company sees, whose kind the caller may read. */
    private Mono<SharedDocument> document(Caller caller, String type, UUID documentId) {
        return documents.readable(caller, ATTACHABLE, type, documentId, WHAT);
    }

    private static AuditEntry uploaded(AttachmentRow row) {
        return new AuditEntry(row.companyId(), row.uploadedBy(), AuditAction.ATTACHMENT_UPLOAD, "attachment", row.id(),
                AuditOutcome.SUCCESS, facts(row));
    }

    private static AuditEntry malware(AttachmentRow row, Actor actor) {
        Map<String, Object> details = facts(row);
        details.put("signature", row.signature());
        return new AuditEntry(row.companyId(), actor, AuditAction.ATTACHMENT_MALWARE, "attachment", row.id(),
                AuditOutcome.FAILURE, details);
    }

    private static Map<String, Object> facts(AttachmentRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentType", row.kind().value());
        details.put("documentId", row.documentId().toString());
        details.put("filename", row.filename());
        details.put("size", row.size());
        details.put("sha256", HEX.formatHex(row.sha256()));
        return details;
    }

    private record Facts(byte[] sha256, String mediaType) {
    }

    /** An attachment with its decrypted bytes. */
    record Download(AttachmentRow row, byte[] content) {
    }
}
