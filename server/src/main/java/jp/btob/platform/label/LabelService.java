package jp.btob.platform.label;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.trade.SharedDocument;
import jp.btob.platform.trade.SharedDocuments;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.PermissionDeniedException;
import jp.btob.platform.system.problem.PreconditionFailedException;
import jp.btob.platform.system.problem.PreconditionRequiredException;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A company's vocabulary of tags and its label sets on the documents it is a party to. A set is
 * the company's own: it is read and written only by the company's users, at the version they
 * read, and committed with its audit event or not at all.
 */
@Service
class LabelService {

    /** How many tags a company's vocabulary holds at most. */
    static final int MAX_TAGS = 200;

    /** How many tags, and how many free-form labels, one document's set holds at most. */
    static final int MAX_PER_SET = 10;

    /** A company labels every kind of document it sees, its own workflow requests included. */
    private static final Set<SharedDocument> LABELLED = EnumSet.allOf(SharedDocument.class);

    private final LabelRepository labels;

    private final SharedDocuments documents;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    LabelService(LabelRepository labels, SharedDocuments documents, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.labels = labels;
        this.documents = documents;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Flux<VocabularyRow> vocabulary(Caller caller) {
        return labels.vocabulary(caller.companyId());
    }

    /** A new tag; a name the company has, whatever its case, answers 409. */
    Mono<VocabularyRow> create(Caller caller, TagInput input) {
        UUID companyId = caller.companyId();
        return labels.countTags(companyId)
                .flatMap(count -> count >= MAX_TAGS
                        ? Mono.<VocabularyRow>error(new UnprocessableFieldException("name",
                                "The vocabulary holds " + MAX_TAGS + " tags at most; remove one first."))
                        : labels.insertTag(companyId, input.name(), input.color(), input.description(),
                                caller.actor().id(), now()))
                .flatMap(row -> audit.record(entry(caller, AuditAction.LABEL_CREATE, row.id(), describe(row)))
                        .thenReturn(row))
                .as(tx::transactional)
                .onErrorMap(DataIntegrityViolationException.class, LabelService::nameTaken);
    }

    Mono<VocabularyRow> update(Caller caller, UUID id, TagInput input) {
        UUID companyId = caller.companyId();
        return labels.tag(companyId, id)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("tag")))
                .flatMap(before -> labels.updateTag(companyId, id, input.name(), input.color(), input.description(),
                                now())
                        .flatMap(after -> audit.record(entry(caller, AuditAction.LABEL_UPDATE, id,
                                        Map.of("before", describe(before), "after", describe(after))))
                                .thenReturn(after)))
                .as(tx::transactional)
                .onErrorMap(DataIntegrityViolationException.class, LabelService::nameTaken);
    }

    /** Removes the tag from the vocabulary and from every document of the company that carries it. */
    Mono<Void> delete(Caller caller, UUID id) {
        UUID companyId = caller.companyId();
        return labels.tag(companyId, id)
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("tag")))
                .flatMap(row -> labels.deleteTag(companyId, id, caller.actor().id(), now())
                        .flatMap(sets -> {
                            Map<String, Object> details = describe(row);
                            details.put("documents", sets);
                            return audit.record(entry(caller, AuditAction.LABEL_DELETE, id, details));
                        }))
                .as(tx::transactional);
    }

    /** The caller's company's set on a document it sees. */
    Mono<LabelSet> read(Caller caller, String type, UUID documentId) {
        return document(caller, type, documentId).flatMap(kind -> labels.set(caller.companyId(), kind, documentId));
    }

    /**
     * Replaces the caller's company's set on a document it sees if {@code ifMatch} names the set's
     * version; tags must be of the company's own vocabulary.
     */
    Mono<LabelSet> replace(Caller caller, String type, UUID documentId, Set<UUID> tagIds, Set<String> texts,
                           String ifMatch) {
        UUID companyId = caller.companyId();
        if (tagIds.size() > MAX_PER_SET) {
            return Mono.error(new UnprocessableFieldException("labelIds", "A document holds " + MAX_PER_SET
                    + " tags at most."));
        }
        if (texts.size() > MAX_PER_SET) {
            return Mono.error(new UnprocessableFieldException("labels", "A document holds " + MAX_PER_SET
                    + " free-form labels at most."));
        }
        if (texts.stream().anyMatch(text -> text.isBlank() || text.length() > 40)) {
            return Mono.error(new UnprocessableFieldException("labels", "A label is 1 to 40 characters, not blank."));
        }
        return document(caller, type, documentId)
                .flatMap(kind -> (ifMatch == null
                        ? Mono.<SharedDocument>error(new PreconditionRequiredException(
                                "Send the ETag of the document's labels as last read as If-Match."))
                        : Mono.just(kind)))
                .flatMap(kind -> ownTags(companyId, tagIds)
                        .then(labels.set(companyId, kind, documentId))
                        .flatMap(before -> {
                            if (!ETags.matches(ifMatch, before.version())) {
                                return Mono.error(LabelService::stale);
                            }
                            return labels.replace(companyId, kind, documentId, before.version(), tagIds, texts,
                                            caller.actor().id(), now())
                                    .switchIfEmpty(Mono.error(LabelService::stale))
                                    .then(labels.set(companyId, kind, documentId))
                                    .flatMap(after -> audit.record(entry(caller, AuditAction.LABEL_DOCUMENT_UPDATE,
                                                    documentId, changed(before, after)))
                                            .thenReturn(after));
                        })
                        .as(tx::transactional));
    }

    /** Nothing when every ID is a tag of the company's; else 422 naming {@code labelIds} and the others. */
    private Mono<Void> ownTags(UUID companyId, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return labels.tags(companyId, ids).map(VocabularyRow::id).collect(Collectors.toSet())
                .flatMap(found -> {
                    Set<UUID> unknown = new LinkedHashSet<>(ids);
                    unknown.removeAll(found);
                    return unknown.isEmpty() ? Mono.empty()
                            : Mono.error(new UnprocessableFieldException("labelIds", "Not tags of your company's "
                                    + "vocabulary: " + unknown.stream().map(UUID::toString)
                                    .collect(Collectors.joining(", ")) + "."));
                });
    }

    /** The kind of a document the caller's company sees, whose kind the caller may read; else 404 or 403. */
    private Mono<SharedDocument> document(Caller caller, String type, UUID documentId) {
        return documents.readable(caller, LABELLED, type, documentId, "labels");
    }

    private Instant now() {
        return Times.now(clock);
    }

    private static AuditEntry entry(Caller caller, AuditAction action, UUID target, Map<String, Object> details) {
        return new AuditEntry(caller.companyId(), caller.actor(), action,
                action == AuditAction.LABEL_DOCUMENT_UPDATE ? "document" : "label", target, AuditOutcome.SUCCESS,
                details);
    }

    private static Map<String, Object> describe(VocabularyRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", row.name());
        if (row.color() != null) {
            details.put("color", row.color());
        }
        return details;
    }

    private static Map<String, Object> changed(LabelSet before, LabelSet after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentType", after.kind().value());
        details.put("before", names(before));
        details.put("after", names(after));
        details.put("version", after.version());
        return details;
    }

    private static List<String> names(LabelSet set) {
        return Stream.concat(set.tags().stream().map(tag -> "#" + tag.name()), set.labels().stream())
                .toList();
    }

    private static Throwable nameTaken(DataIntegrityViolationException ex) {
        return String.valueOf(ex.getMessage()).contains("label_vocabulary_name")
                ? new ConflictException("Your company already has a tag of this name.") : ex;
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The document's labels are not at the version that If-Match names: "
                + "they were changed since you read them. Read them again.");
    }

    /** A tag as its company defines it. */
    record TagInput(String name, String color, String description) {
    }
}
