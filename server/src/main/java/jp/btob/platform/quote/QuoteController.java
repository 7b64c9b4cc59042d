package jp.btob.platform.quote;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.api.QuotesApi;
import jp.btob.platform.api.model.Quote;
import jp.btob.platform.api.model.QuoteContent;
import jp.btob.platform.api.model.QuoteCreate;
import jp.btob.platform.api.model.QuotePage;
import jp.btob.platform.api.model.QuoteReason;
import jp.btob.platform.api.model.QuoteStatus;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.trade.TradeDates;
import jp.btob.platform.trade.TradeFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class QuoteController implements QuotesApi {

    /** The largest page of quotes, as the spec's {@code limit} allows. */
    private static final int MAX_LIMIT = 200;

    private final QuoteService quotes;

    private final Clock clock;

    QuoteController(QuoteService quotes, Clock clock) {
        this.quotes = quotes;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<QuotePage>> listQuotes(String role, QuoteStatus status, UUID partnerId,
                                                      LocalDate issuedFrom, LocalDate issuedTo, Long minTotal,
                                                      Long maxTotal, String cursor, Integer limit,
                                                      ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        TradeFilter filter = new TradeFilter(role, status == null ? null : status.getValue(), partnerId, issuedFrom,
                issuedTo, minTotal, maxTotal);
        LocalDate today = today();
        return Callers.of(exchange)
                .flatMap(caller -> quotes.list(caller, filter, after, Pages.fetchSize(limit, MAX_LIMIT)).collectList())
                .map(rows -> Pages.of(rows, limit, MAX_LIMIT, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new QuotePage(
                        page.items().stream().map(row -> QuoteMapper.toApi(row, today)).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<Quote>> createQuote(Mono<QuoteCreate> quoteCreate, String idempotencyKey,
                                                   ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> quoteCreate.flatMap(body ->
                        quotes.create(caller, body.getBuyerId(), QuoteMapper.content(body))))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/quotes/" + row.id()))
                        .eTag(ETags.of(row.version()))
                        .body(QuoteMapper.toApi(row, today())));
    }

    @Override
    public Mono<ResponseEntity<Quote>> getQuote(UUID quoteId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> quotes.find(caller, quoteId)).map(this::answer);
    }

    @Override
    public Mono<ResponseEntity<Quote>> updateQuote(UUID quoteId, Mono<QuoteContent> quoteContent, String ifMatch,
                                                   ServerWebExchange exchange) {
        return withContent(exchange, quoteId, ifMatch, QuoteAction.EDIT, quoteContent);
    }

    @Override
    public Mono<ResponseEntity<Quote>> sendQuote(UUID quoteId, String ifMatch, ServerWebExchange exchange) {
        return act(exchange, quoteId, ifMatch, QuoteAction.SEND, null);
    }

    @Override
    public Mono<ResponseEntity<Quote>> acceptQuote(UUID quoteId, String ifMatch, ServerWebExchange exchange) {
        return act(exchange, quoteId, ifMatch, QuoteAction.ACCEPT, null);
    }

    @Override
    public Mono<ResponseEntity<Quote>> rejectQuote(UUID quoteId, Mono<QuoteReason> quoteReason, String ifMatch,
                                                   ServerWebExchange exchange) {
        return withReason(exchange, quoteId, ifMatch, QuoteAction.REJECT, quoteReason);
    }

    @Override
    public Mono<ResponseEntity<Quote>> requestQuoteRevision(UUID quoteId, Mono<QuoteReason> quoteReason, String ifMatch,
                                                            ServerWebExchange exchange) {
        return withReason(exchange, quoteId, ifMatch, QuoteAction.REQUEST_REVISION, quoteReason);
    }

    @Override
    public Mono<ResponseEntity<Quote>> reviseQuote(UUID quoteId, Mono<QuoteContent> quoteContent, String ifMatch,
                                                   ServerWebExchange exchange) {
        return withContent(exchange, quoteId, ifMatch, QuoteAction.REVISE, quoteContent);
    }

    @Override
    public Mono<ResponseEntity<Quote>> withdrawQuote(UUID quoteId, Mono<QuoteReason> quoteReason, String ifMatch,
                                                     ServerWebExchange exchange) {
        return withReason(exchange, quoteId, ifMatch, QuoteAction.WITHDRAW, quoteReason);
    }

    private Mono<ResponseEntity<Quote>> withContent(ServerWebExchange exchange, UUID quoteId, String ifMatch,
                                                    QuoteAction action, Mono<QuoteContent> body) {
        return Callers.of(exchange)
                .flatMap(caller -> body.flatMap(content ->
                        quotes.apply(caller, quoteId, ifMatch, action, QuoteMapper.content(content), null)))
                .map(this::answer);
    }

    private Mono<ResponseEntity<Quote>> withReason(ServerWebExchange exchange, UUID quoteId, String ifMatch,
                                                   QuoteAction action, Mono<QuoteReason> body) {
        return Callers.of(exchange)
                .flatMap(caller -> body.flatMap(reason ->
                        quotes.apply(caller, quoteId, ifMatch, action, null, reason.getReason())))
                .map(this::answer);
    }

    private Mono<ResponseEntity<Quote>> act(ServerWebExchange exchange, UUID quoteId, String ifMatch,
                                            QuoteAction action, String note) {
        return Callers.of(exchange)
                .flatMap(caller -> quotes.apply(caller, quoteId, ifMatch, action, null, note))
                .map(this::answer);
    }

    private ResponseEntity<Quote> answer(QuoteRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(QuoteMapper.toApi(row, today()));
    }

    private LocalDate today() {
        return TradeDates.today(clock);
    }
}
