package jp.btob.platform.bookkeeping;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.paging.DateCursor;
import jp.btob.platform.system.problem.PermissionDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * The search of kept trade documents (SVC-BOOK): by transaction date, amount and counterparty,
 * alone or combined, across the kinds of document the caller may read, on either side of the trade.
 */
@Service
class DocumentSearch {

    private final DocumentSearchRepository documents;

    DocumentSearch(DocumentSearchRepository documents) {
        this.documents = documents;
    }

    /**
     * A page of the documents the caller's company is a party to, of the kinds whose own read
     * permission the caller holds; naming a kind it does not hold answers 403.
     */
    Flux<FoundDocument> search(Caller caller, SearchFilter filter, DateCursor after, int fetch) {
        filter.checkRanges();
        Set<DocumentType> readable = Arrays.stream(DocumentType.values()).filter(type -> caller.holds(type.read()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DocumentType.class)));
        if (filter.type() != null && !readable.contains(filter.type())) {
            return Flux.error(new PermissionDeniedException("Searching for " + filter.type().value()
                    + "s needs the permission " + filter.type().read().getValue() + " as well."));
        }
        Set<DocumentType> types = filter.type() == null ? readable : EnumSet.of(filter.type());
        return types.isEmpty() ? Flux.empty() : documents.search(caller.companyId(), types, filter, after, fetch);
    }
}
