package jp.btob.platform.trade;

import java.util.Set;
import java.util.UUID;

import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.PermissionDeniedException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Who may reach what hangs on a document (its files, its labels): a party of the document that
 * sees it now, holding the read permission of its kind.
 */
@Repository
public class SharedDocuments {

    private final DatabaseClient db;

    SharedDocuments(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The kind of a document of one of {@code kinds} that the caller's company sees, else 404 as
     * for a document that does not exist; 403 when the caller may not read its kind.
     *
     * @param what what hangs on the document, for the problem's text ({@code attachments})
     */
    public Mono<SharedDocument> readable(Caller caller, Set<SharedDocument> kinds, String type, UUID documentId,
                                         String what) {
        return Mono.justOrEmpty(SharedDocument.of(type))
                .filter(kinds::contains)
                .filterWhen(kind -> visible(caller, kind, documentId))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("document")))
                .flatMap(kind -> mayRead(caller, kind, what).thenReturn(kind));
    }

    /** Whether the caller's company is a party of the document that sees it now; false when there is none. */
    public Mono<Boolean> visible(Caller caller, SharedDocument kind, UUID documentId) {
        return db.sql(kind.partiesQuery())
                .bind("id", documentId)
                .map((row, meta) -> caller.companyId().equals(row.get("seller_id", UUID.class))
                        || (!Boolean.TRUE.equals(row.get("seller_only", Boolean.class))
                                && caller.companyId().equals(row.get("buyer_id", UUID.class))))
                .one()
                .defaultIfEmpty(false);
    }

    /** Nothing when the caller may read documents of the kind, else 403 naming the permission. */
    public static Mono<Void> mayRead(Caller caller, SharedDocument kind, String what) {
        return caller.holds(kind.read()) ? Mono.empty()
                : Mono.error(new PermissionDeniedException("The " + what + " of a " + kind.value()
                        + " need the permission " + kind.read().getValue() + " as well."));
    }
}
