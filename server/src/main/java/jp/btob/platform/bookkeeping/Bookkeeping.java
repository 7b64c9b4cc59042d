package jp.btob.platform.bookkeeping;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.audit.Actor;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.PermissionDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Records the versions of trade documents and reads their history (SVC-BOOK). A document's
 * service calls {@link #record} in the transaction of each change, after the statement that
 * changed the document's row: that row's lock makes two changes of one document take turns, so
 * versions are numbered without gaps and the chain never forks.
 */
@Service
public class Bookkeeping {

    private final DocumentVersionRepository versions;

    private final Clock clock;

    Bookkeeping(DocumentVersionRepository versions, Clock clock) {
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * Appends the document as it now is, in its canonical form, with who changed it and why.
     * Answers the number of the new version.
     */
    public Mono<Integer> record(DocumentType type, UUID documentId, UUID sellerId, UUID buyerId,
                                Map<String, ?> document, Actor actor, String reason) {
        String content = Canonical.json(document);
        return versions.last(type, documentId)
                .map(last -> new Link(last.version() + 1, last.hash()))
                .defaultIfEmpty(new Link(1, null))
                .flatMap(link -> versions.insert(new DocumentVersion(type, documentId, link.version(), sellerId, buyerId,
                                content, link.previousHash(), DocumentVersion.link(link.previousHash(), content), actor,
                                Times.now(clock), reason))
                        .thenReturn(link.version()));
    }

    /**
     * The history of a document for one of its two parties, with the chain verified. A type or
     * document the caller's company is no party to answers as one that does not exist.
     */
    Mono<History> history(Caller caller, String typeName, UUID documentId) {
        return Mono.justOrEmpty(DocumentType.of(typeName))
                .flatMap(type -> versions.all(type, documentId).collectList().map(all -> new History(type, all)))
                .filter(history -> !history.versions().isEmpty() && history.partyIs(caller.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("document")))
                .flatMap(history -> caller.holds(history.type().read()) ? Mono.just(history)
                        : Mono.error(new PermissionDeniedException("Reading the history of a " + typeName
                                + " needs the permission " + history.type().read().getValue() + " as well.")));
    }

    /** A document's versions, oldest first, and whether they still form their chain. */
    record History(DocumentType type, List<DocumentVersion> versions) {

        /** Whether the company is one of the two parties, as the latest version names them. */
        boolean partyIs(UUID companyId) {
            DocumentVersion last = versions.get(versions.size() - 1);
            return last.sellerId().equals(companyId) || last.buyerId().equals(companyId);
        }

        Verification verification() {
            return Verification.of(versions);
        }
    }

    private record Link(int version, byte[] previousHash) {
    }
}
