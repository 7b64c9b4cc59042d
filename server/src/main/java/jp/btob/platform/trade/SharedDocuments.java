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

    /**
     * Whether the caller's company sees the document now: its sole party while it has one, else
     * either party; false when there is no such document.
     */
    public Mono<Boolean> visible(Caller caller, SharedDocument kind, UUID documentId) {
        UUID company = caller.companyId();
        return db.sql(kind.partiesQuery())
                .bind("id", documentId)
                .map((row, meta) -> {
                    UUID sole = row.get("sole_party", UUID.class);
                    return sole != null ? company.equals(sole)
                            : company.equals(row.get("party_a", UUID.class))
                                    || company.equals(row.get("party_b", UUID.class));
                })
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
