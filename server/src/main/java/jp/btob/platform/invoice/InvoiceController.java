package jp.btob.platform.invoice;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jp.btob.platform.api.InvoicesApi;
import jp.btob.platform.api.model.Invoice;
import jp.btob.platform.api.model.InvoiceClosing;
import jp.btob.platform.api.model.InvoiceCreate;
import jp.btob.platform.api.model.InvoicePage;
import jp.btob.platform.api.model.InvoiceReason;
import jp.btob.platform.api.model.InvoiceStatus;
import jp.btob.platform.api.model.PaymentCreate;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.tax.LineItem;
import jp.btob.platform.trade.TradeDates;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeModels;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class InvoiceController implements InvoicesApi {

    /** The largest page of invoices, as the spec's {@code limit} allows. */
    private static final int MAX_LIMIT = 200;

    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

    private final InvoiceService invoices;

    private final InvoiceExport export;

    private final Clock clock;

    InvoiceController(InvoiceService invoices, InvoiceExport export, Clock clock) {
        this.invoices = invoices;
        this.export = export;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<InvoicePage>> listInvoices(String role, InvoiceStatus status, UUID partnerId,
                                                          LocalDate issuedFrom, LocalDate issuedTo, Long minTotal,
                                                          Long maxTotal, String cursor, Integer limit,
                                                          ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        TradeFilter filter = new TradeFilter(role, status == null ? null : status.getValue(), partnerId, issuedFrom,
                issuedTo, minTotal, maxTotal);
        return Callers.of(exchange)
                .flatMap(caller -> invoices.list(caller, filter, after, Pages.fetchSize(limit, MAX_LIMIT)).collectList())
                .map(rows -> Pages.of(rows, limit, MAX_LIMIT, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new InvoicePage(
                        page.items().stream().map(row -> InvoiceMapper.toApi(row, today())).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<Invoice>> issueInvoice(Mono<InvoiceCreate> invoiceCreate, String idempotencyKey,
                                                      ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> invoiceCreate.flatMap(body -> invoices.issue(caller, new NewInvoice(
                        caller.companyId(), body.getBuyerId(), null, body.getCorrectsId(), body.getTransactionDate(),
                        body.getPeriodEnd(), body.getNotes(), lines(body)))))
                .map(this::created);
    }

    @Override
    public Mono<ResponseEntity<Invoice>> invoiceOrder(UUID orderId, String idempotencyKey, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> invoices.issueForOrder(caller, orderId)).map(this::created);
    }

    @Override
    public Mono<ResponseEntity<Invoice>> closeMonth(Mono<InvoiceClosing> invoiceClosing, String idempotencyKey,
                                                    ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> invoiceClosing.flatMap(body -> invoices.close(caller, body.getBuyerId(),
                        YearMonth.parse(body.getMonth()), body.getNotes())))
                .map(this::created);
    }

    @Override
    public Mono<ResponseEntity<Invoice>> getInvoice(UUID invoiceId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> invoices.find(caller, invoiceId)).map(this::answer);
    }

    @Override
    public Mono<ResponseEntity<String>> exportInvoiceJpPint(UUID invoiceId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> export.jpPint(caller, invoiceId))
                .map(exported -> ResponseEntity.ok()
                        .contentType(XML)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(exported.number() + ".xml").build().toString())
                        .body(exported.xml()));
    }

    @Override
    public Mono<ResponseEntity<Invoice>> approveInvoice(UUID invoiceId, String ifMatch, ServerWebExchange exchange) {
        return act(exchange, invoiceId, ifMatch, InvoiceAction.APPROVE, Mono.just(new Note(null)));
    }

    @Override
    public Mono<ResponseEntity<Invoice>> disputeInvoice(UUID invoiceId, Mono<InvoiceReason> invoiceReason,
                                                        String ifMatch, ServerWebExchange exchange) {
        return act(exchange, invoiceId, ifMatch, InvoiceAction.DISPUTE,
                invoiceReason.map(body -> new Note(body.getReason())));
    }

    @Override
    public Mono<ResponseEntity<Invoice>> cancelInvoice(UUID invoiceId, Mono<InvoiceReason> invoiceReason,
                                                       String ifMatch, ServerWebExchange exchange) {
        return act(exchange, invoiceId, ifMatch, InvoiceAction.CANCEL,
                invoiceReason.map(body -> new Note(body.getReason())));
    }

    @Override
    public Mono<ResponseEntity<Invoice>> recordPayment(UUID invoiceId, Mono<PaymentCreate> paymentCreate, String ifMatch,
                                                       ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> paymentCreate.flatMap(body -> invoices.pay(caller, invoiceId, ifMatch,
                        new Payment(body.getAmount(), body.getPaidOn(), body.getMethod()))))
                .map(this::answer);
    }

    private Mono<ResponseEntity<Invoice>> act(ServerWebExchange exchange, UUID invoiceId, String ifMatch,
                                              InvoiceAction action, Mono<Note> body) {
        return Callers.of(exchange)
                .flatMap(caller -> body.flatMap(note -> invoices.apply(caller, invoiceId, ifMatch, action, note.text())))
                .map(this::answer);
    }

    private static List<InvoiceLine> lines(InvoiceCreate body) {
        List<LineItem> items = TradeModels.lines(body.getLines());
        return IntStream.range(0, items.size())
                .mapToObj(i -> new InvoiceLine(i + 1, items.get(i), null, null)).toList();
    }

    private ResponseEntity<Invoice> created(InvoiceRow row) {
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + row.id()))
                .eTag(ETags.of(row.version()))
                .body(InvoiceMapper.toApi(row, today()));
    }

    private ResponseEntity<Invoice> answer(InvoiceRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(InvoiceMapper.toApi(row, today()));
    }

    private LocalDate today() {
        return TradeDates.today(clock);
    }

    /** The reason a request body gives an action; none for an approval. */
    private record Note(String text) {
    }
}
