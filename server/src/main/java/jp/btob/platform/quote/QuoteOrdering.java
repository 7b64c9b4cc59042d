package jp.btob.platform.quote;

import java.util.UUID;

import jp.btob.platform.api.model.QuoteStatus;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.WrongPartyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The quote side of ordering a quote: only its buyer orders it, and only once accepted. That it
 * is ordered only once is the order's concern (one order per quote, kept by the database).
 */
@Component
public class QuoteOrdering {

    private final QuoteService quotes;

    QuoteOrdering(QuoteService quotes) {
        this.quotes = quotes;
    }

    /** The accepted quote the caller's company may order, or the problem why not (404 when it cannot see it). */
    public Mono<AcceptedQuote> orderable(Caller caller, UUID quoteId) {
        return quotes.find(caller, quoteId).flatMap(quote -> {
            if (quote.sideOf(caller.companyId()) != QuoteAction.Side.BUYER) {
                return Mono.error(new WrongPartyException("Only the buyer may order a quote."));
            }
            if (quote.status() != QuoteStatus.ACCEPTED) {
                return Mono.error(new InvalidTransitionException("The quote is " + quote.status()
                        + "; only a quote that is ACCEPTED can be ordered."));
            }
            return Mono.just(new AcceptedQuote(quote.id(), quote.seller().id(), quote.buyer().id(),
                    quote.content().title(), quote.content().notes(), quote.content().lines(), quote.rounding()));
        });
    }
}
