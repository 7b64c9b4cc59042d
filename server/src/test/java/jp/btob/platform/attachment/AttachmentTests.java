package jp.btob.platform.attachment;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jp.btob.platform.support.Clamd;
import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.SecondInstance;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attachments end to end against a real clamd: clean files served back byte for byte from
 * ciphertext at rest, EICAR refused and quarantined, files kept unscanned while the scanner cannot
 * answer and settled by the rescan, the size limit, and who may see what.
 */
class AttachmentTests extends TradeTest {

    private static final String UPLOAD = "/api/v1/documents/{type}/{id}/attachments";

    private static final HexFormat HEX = HexFormat.of();

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private CircuitBreaker clamavCircuitBreaker;

    @Autowired
    private RescanJob rescanJob;

    @BeforeEach
    void scannerUp() {
        Clamd.start();
        clamavCircuitBreaker.reset();
    }

    @Test
    @DisplayName("[SEC-AV] [SEC-ENC] a clean 3 MB PDF uploaded by the buyer passes the firewall unbuffered, is scanned, answered 201 available, and the seller downloads the very bytes; at rest they are AES-GCM ciphertext, and the recorded SHA-256 is the file's")
    void cleanFileWhenUploadedThenAvailableEncryptedAndServedBack() {
        Trade trade = trade("添付清浄");
        Object quote = sentQuote(trade);
        byte[] file = pdf(3 * 1024 * 1024);

        Map<String, Object> attachment = upload(trade.asBuyer(), "quote", quote, "見積仕様書.pdf", file)
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        String sha256 = HEX.formatHex(sha256(file));
        assertThat(attachment).containsEntry("documentType", "quote").containsEntry("documentId", quote)
                .containsEntry("filename", "見積仕様書.pdf").containsEntry("mediaType", "application/pdf")
                .containsEntry("size", file.length).containsEntry("sha256", sha256).containsEntry("status", "available")
                .containsEntry("uploadedBy", trade.buyer().id().toString()).containsKey("scannedAt");
        Object id = attachment.get("id");
        assertThat(trade.asSeller().get().uri("/api/v1/attachments/{id}", id).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody()).isEqualTo(attachment);

        EntityExchangeResult<byte[]> download = trade.asSeller().mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(file.length * 2)).build().get().uri("/api/v1/attachments/{id}/content", id)
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(download.getResponseBody()).isEqualTo(file);
        HttpHeaders headers = download.getResponseHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;")
                .contains("filename*=UTF-8''" + URLEncoder.encode("見積仕様書", StandardCharsets.UTF_8) + ".pdf");

        Map<String, Object> row = sql.rows("SELECT content, sha256, status, company_id FROM attachment WHERE id = ?::uuid", id).get(0);
        byte[] stored = (byte[]) row.get("content");
        assertThat(stored).as("the bytes at rest").isNotEqualTo(file).hasSizeGreaterThan(file.length);
        assertThat(indexOf(stored, Arrays.copyOf(file, 64))).as("no plaintext at rest").isNegative();
        assertThat(HEX.formatHex((byte[]) row.get("sha256"))).isEqualTo(sha256);
        assertThat(row).containsEntry("status", "AVAILABLE").containsEntry("company_id", trade.buyer().id());
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'attachment.upload'"
                + " AND target_id = ?::uuid AND details->>'sha256' = ?", trade.buyer().id(), id, sha256)).isOne();
    }

    @Test
    @DisplayName("[SEC-AV] EICAR inside a larger file reaches the scanner past the firewall and is refused 422 malware-detected naming the signature; the file is quarantined, never served (409), audited as attachment.malware on the uploader's chain, and alerts the operators")
    void eicarWhenUploadedThenRefusedQuarantinedAuditedAndAlerted() {
        Trade trade = trade("添付感染");
        Object quote = sentQuote(trade);
        byte[] file = concat("請求書の控え\n".getBytes(StandardCharsets.UTF_8), Clamd.eicar(), "\n以上".getBytes(StandardCharsets.UTF_8));

        WebTestClient.BodyContentSpec refused = upload(trade.asSeller(), "quote", quote, "控え.txt", file)
                .expectStatus().isEqualTo(422).expectBody();
        assertProblem(refused, "/problems/malware-detected", 422);
        refused.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(Clamd.SIGNATURE));

        Map<String, Object> row = sql.rows("SELECT id, status, signature, scanned_at FROM attachment"
                + " WHERE document_id = ?::uuid", quote).get(0);
        assertThat(row).containsEntry("status", "QUARANTINED").containsEntry("signature", Clamd.SIGNATURE);
        assertThat(row.get("scanned_at")).isNotNull();
        Object id = row.get("id");
        assertThat(listed(trade.asBuyer(), quote)).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("status", "quarantined").doesNotContainKey("signature")
                        .containsEntry("id", id.toString()));
        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            WebTestClient.BodyContentSpec unavailable = party.get().uri("/api/v1/attachments/{id}/content", id).exchange()
                    .expectStatus().isEqualTo(409).expectBody();
            assertProblem(unavailable, "/problems/attachment-unavailable", 409);
            unavailable.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("quarantined"));
        }
        assertThat(sql.rows("SELECT actor_type, outcome, details->>'signature' AS signature FROM audit_event"
                + " WHERE company_id = ? AND action = 'attachment.malware' AND target_id = ?", trade.seller().id(), id))
                .singleElement().satisfies(event -> assertThat(event).containsEntry("actor_type", "USER")
                        .containsEntry("outcome", "FAILURE").containsEntry("signature", Clamd.SIGNATURE));
        assertThat(sql.count("SELECT count(*) FROM alert WHERE chain = ? AND rule_key = 'platform:Malware uploaded'",
                trade.seller().id())).isOne();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE action = 'waf.block' AND details->>'request' LIKE ?",
                "%" + quote + "%")).as("the firewall let it through").isZero();
    }

    @Test
    @DisplayName("[SEC-AV] while the scanner cannot answer (its circuit open), uploads answer 202 pending-scan and are not served (409); the rescan with the scanner back makes the clean file available and quarantines EICAR, audited by SYSTEM")
    void scannerDownWhenUploadedThenPendingUntilRescanned() {
        Trade trade = trade("添付保留");
        Object quote = sentQuote(trade);
        byte[] clean = "納品書の写し".getBytes(StandardCharsets.UTF_8);
        clamavCircuitBreaker.transitionToForcedOpenState();

        Map<String, Object> pending = upload(trade.asBuyer(), "quote", quote, "写し.txt", clean)
                .expectStatus().isAccepted().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> infected = upload(trade.asBuyer(), "quote", quote, "eicar.com", Clamd.eicar())
                .expectStatus().isAccepted().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(pending).containsEntry("status", "pending-scan").doesNotContainKey("scannedAt");
        assertThat(infected).containsEntry("status", "pending-scan");
        WebTestClient.BodyContentSpec unavailable = trade.asSeller().get().uri("/api/v1/attachments/{id}/content", pending.get("id"))
                .exchange().expectStatus().isEqualTo(409).expectBody();
        assertProblem(unavailable, "/problems/attachment-unavailable", 409);
        unavailable.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("pending-scan"));
        clamavCircuitBreaker.reset();
        rescanJob.rescan().block();
        assertThat(status(pending.get("id"))).as("not due before the upload's lease ends").isEqualTo("PENDING_SCAN");

        clock.advance(Duration.ofMinutes(1));
        assertThat(rescanJob.rescan().block()).as("files settled").isGreaterThanOrEqualTo(2);
        rescanJob.rescan().block();

        assertThat(trade.asSeller().get().uri("/api/v1/attachments/{id}", pending.get("id")).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody()).containsEntry("status", "available").containsKey("scannedAt");
        assertThat(trade.asSeller().get().uri("/api/v1/attachments/{id}/content", pending.get("id")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(clean);
        assertThat(trade.asSeller().get().uri("/api/v1/attachments/{id}", infected.get("id")).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody()).containsEntry("status", "quarantined");
        assertThat(sql.rows("SELECT actor_type FROM audit_event WHERE company_id = ? AND action = 'attachment.malware'"
                + " AND target_id = ?::uuid", trade.buyer().id(), infected.get("id")))
                .singleElement().satisfies(event -> assertThat(event).containsEntry("actor_type", "SYSTEM"));
    }

    @Test
    @DisplayName("[SEC-AV] files attach to orders and invoices too, for both parties of each, and each document lists only its own")
    void ordersAndInvoicesWhenAttachedThenBothPartiesSeeThem() {
        Trade trade = trade("添付各種");
        Object order = trade.asBuyer().post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sellerId", trade.seller().id().toString(), "title", "添付の発注",
                        "lines", List.of(Map.of("description", "部品", "quantity", "2", "unitPrice", "100", "taxCategory", "standard-10"))))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        trade.asSeller().put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("registrationNumber", "T7000012050002", "issuerKind", "corporation",
                        "taxRounding", "floor", "paymentTermsDays", 30))
                .exchange().expectStatus().isOk();
        Object invoice = trade.asSeller().post().uri("/api/v1/invoices").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("buyerId", trade.buyer().id().toString(),
                        "lines", List.of(Map.of("description", "部品", "quantity", "2", "unitPrice", "100", "taxCategory", "standard-10"))))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        Object drawing = upload(trade.asBuyer(), "order", order, "図面.pdf", pdf(2048))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        Object receipt = upload(trade.asSeller(), "invoice", invoice, "明細.pdf", pdf(1024))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            assertThat(party.get().uri(UPLOAD + "?limit=100", "order", order).exchange().expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items")).asList()
                    .singleElement().satisfies(item -> assertThat(((Map<?, ?>) item).get("id")).isEqualTo(drawing));
            assertThat(party.get().uri(UPLOAD + "?limit=100", "invoice", invoice).exchange().expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items")).asList()
                    .singleElement().satisfies(item -> assertThat(((Map<?, ?>) item).get("id")).isEqualTo(receipt));
            party.get().uri("/api/v1/attachments/{id}/content", drawing).exchange().expectStatus().isOk();
            party.get().uri("/api/v1/attachments/{id}/content", receipt).exchange().expectStatus().isOk();
        }
        notFound(trade.asBuyer().get().uri(UPLOAD, "invoice", order).exchange());
    }

    @Test
    @DisplayName("[SEC-AV] files attach to spec sheets and trade documents too, for both parties of each; a company no party to them gets 404")
    void specSheetsAndTradeDocumentsWhenAttachedThenBothPartiesSeeThem() {
        Trade trade = trade("添付規格");
        Object sheet = trade.asBuyer().post().uri("/api/v1/spec-sheets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sellerId", trade.seller().id().toString(), "productName", "国産大豆の豆乳"))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        Object note = trade.asSeller().post().uri("/api/v1/trade-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("receiverId", trade.buyer().id().toString(), "kind", "delivery-note",
                        "number", "DN-0001", "transactionDate", today().toString(), "amount", 11000,
                        "title", "豆乳 納品"))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        Object analysis = upload(trade.asSeller(), "spec-sheet", sheet, "成分分析.pdf", pdf(1024))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        Object signed = upload(trade.asBuyer(), "trade", note, "受領印.pdf", pdf(1024))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            party.get().uri("/api/v1/attachments/{id}/content", analysis).exchange().expectStatus().isOk();
            party.get().uri("/api/v1/attachments/{id}/content", signed).exchange().expectStatus().isOk();
        }
        WebTestClient outsider = client(login(fixtures.company("添付規格外株式会社").adminLoginId()));
        notFound(outsider.get().uri(UPLOAD, "spec-sheet", sheet).exchange());
        notFound(outsider.get().uri(UPLOAD, "trade", note).exchange());
        notFound(outsider.get().uri("/api/v1/attachments/{id}/content", signed).exchange());
        notFound(upload(outsider, "trade", note, "x.pdf", pdf(16)));
    }

    @Test
    @DisplayName("[SEC-AV] a file over the size limit answers 413 payload-too-large, whether announced by Content-Length or found while streaming, and nothing is kept")
    void oversizedWhenUploadedThenRefusedAndNothingKept() {
        Trade trade = trade("添付過大");
        Object quote = sentQuote(trade);
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];

        assertProblem(upload(trade.asBuyer(), "quote", quote, "big.bin", tooLarge).expectStatus().isEqualTo(413).expectBody(),
                "/problems/payload-too-large", 413);
        Flux<DataBuffer> streamed = Flux.range(0, 161).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));
        assertProblem(trade.asBuyer().post().uri(UPLOAD + "?filename=streamed.bin", "quote", quote)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(streamed, DataBuffer.class)
                .exchange().expectStatus().isEqualTo(413).expectBody(), "/problems/payload-too-large", 413);

        assertThat(sql.count("SELECT count(*) FROM attachment WHERE document_id = ?::uuid", quote)).isZero();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'attachment.upload'",
                trade.buyer().id())).isZero();
    }

    @Test
    @DisplayName("[PLT-TENANT] [SEC-AV] a company no party to the document gets 404 on every attachment operation, as for a random ID; a draft quote's files are its seller's only; an unknown kind is 404; a user without the kind's read permission gets 403")
    void otherCompaniesWhenAskingThenNotFound() {
        Trade trade = trade("添付他社");
        Object quote = sentQuote(trade);
        Object draft = draft(trade, "下書きの見積").get("id");
        Object id = upload(trade.asSeller(), "quote", quote, "a.txt", "a".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        Object draftFile = upload(trade.asSeller(), "quote", draft, "d.txt", "d".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        TestCompany stranger = fixtures.company("添付無関係株式会社");
        WebTestClient asStranger = client(login(stranger.adminLoginId()));

        for (WebTestClient outsider : List.of(asStranger, trade.asBuyer())) {
            Object document = outsider == asStranger ? quote : draft;
            Object file = outsider == asStranger ? id : draftFile;
            notFound(upload(outsider, "quote", document, "x.txt", new byte[] {1}));
            notFound(outsider.get().uri(UPLOAD, "quote", document).exchange());
            notFound(outsider.get().uri("/api/v1/attachments/{id}", file).exchange());
            notFound(outsider.get().uri("/api/v1/attachments/{id}/content", file).exchange());
        }
        notFound(upload(trade.asBuyer(), "contract", quote, "x.txt", new byte[] {1}));
        notFound(upload(trade.asBuyer(), "order", quote, "x.txt", new byte[] {1}));
        notFound(trade.asBuyer().get().uri("/api/v1/attachments/{id}", UUID.randomUUID()).exchange());
        assertThat(listed(trade.asBuyer(), quote)).hasSize(1);

        WebTestClient noQuotes = client(login(fixtures.userWith(trade.buyer().id(), List.of("attachment:read", "attachment:write"),
                List.of())));
        assertProblem(noQuotes.get().uri("/api/v1/attachments/{id}", id).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(upload(noQuotes, "quote", quote, "x.txt", new byte[] {1}).expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertThat(sql.count("SELECT count(*) FROM attachment WHERE document_id IN (?::uuid, ?::uuid)", quote, draft)).isEqualTo(2);
    }

    @Test
    @DisplayName("[SEC-AV] a file's name loses directories, control and bidirectional-formatting characters; it may come in Content-Disposition; none at all is 400 naming filename; a traversal in the query is the firewall's to block")
    void filenameWhenUnsafeThenSanitised() {
        Trade trade = trade("添付名前");
        Object quote = sentQuote(trade);

        assertProblem(upload(trade.asBuyer(), "quote", quote, "../../etc/passwd", "x".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isForbidden().expectBody(), "/problems/request-blocked", 403);
        Map<String, Object> nested = upload(trade.asBuyer(), "quote", quote, "reports/2026/\u0007pass\u202Ewd.txt",
                "x".getBytes(StandardCharsets.UTF_8)).expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(nested).containsEntry("filename", "passwd.txt").containsEntry("mediaType", "application/octet-stream");
        Map<String, Object> windows = upload(trade.asBuyer(), "quote", quote, "C:\\Users\\担当\\見積.png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(windows).containsEntry("filename", "見積.png").containsEntry("mediaType", "image/png");
        Map<String, Object> disposition = trade.asBuyer().post().uri(UPLOAD, "quote", quote)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + URLEncoder.encode("納品書.html", StandardCharsets.UTF_8))
                .bodyValue("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(disposition).containsEntry("filename", "納品書.html").containsEntry("mediaType", "application/octet-stream");
        HttpHeaders served = trade.asSeller().get().uri("/api/v1/attachments/{id}/content", disposition.get("id")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseHeaders();
        assertThat(served.getContentType()).as("HTML is never served as HTML").isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(served.getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");

        WebTestClient.BodyContentSpec nameless = trade.asBuyer().post().uri(UPLOAD, "quote", quote)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isBadRequest().expectBody();
        assertProblem(nameless, "/problems/validation", 400);
        nameless.jsonPath("$.errors[0].field").isEqualTo("filename");
    }

    @Test
    @DisplayName("[SEC-AV] [PLT-PAGE] 12 concurrent uploads by both parties are each kept and scanned once; the list pages through them all, oldest first")
    void concurrentUploadsWhenListedThenAllKept() throws Exception {
        Trade trade = trade("添付同時");
        Object quote = sentQuote(trade);

        List<Integer> statuses = Concurrently.all(12, i -> upload(i % 2 == 0 ? trade.asSeller() : trade.asBuyer(), "quote", quote,
                "file-" + i + ".txt", ("内容 " + i).getBytes(StandardCharsets.UTF_8))
                .returnResult(byte[].class).getStatus().value());

        assertThat(statuses).containsOnly(201);
        List<Object> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = trade.asBuyer().get()
                    .uri(UPLOAD + "?limit=5" + (cursor == null ? "" : "&cursor=" + cursor), "quote", quote)
                    .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
            all.addAll((List<?>) page.get("items"));
            cursor = (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
        } while (cursor != null);
        assertThat(all).hasSize(12).allSatisfy(item -> assertThat(((Map<?, ?>) item).get("status")).isEqualTo("available"));
        assertThat(new HashSet<>(all.stream().map(item -> ((Map<?, ?>) item).get("filename")).toList())).hasSize(12);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE action = 'attachment.upload' AND details->>'documentId' = ?",
                quote)).isEqualTo(12);
    }

    @Test
    @DisplayName("[SVC-BOOK] [SEC-AV] an attachment is kept unaltered: the database refuses to change its file, hash or record, to settle its scan twice, or to delete it")
    void storedAttachmentWhenChangedInSqlThenRefused() {
        Trade trade = trade("添付保全");
        Object quote = sentQuote(trade);
        Object id = upload(trade.asSeller(), "quote", quote, "a.txt", "a".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        for (String change : List.of("UPDATE attachment SET sha256 = sha256(sha256) WHERE id = ?::uuid",
                "UPDATE attachment SET filename = 'other.txt' WHERE id = ?::uuid",
                "UPDATE attachment SET status = 'QUARANTINED', signature = 'x' WHERE id = ?::uuid",
                "DELETE FROM attachment WHERE id = ?::uuid")) {
            assertThatThrownBy(() -> sql.update(change, id)).as(change).hasMessageContaining("attachment");
        }
        assertThat(sql.count("SELECT count(*) FROM attachment WHERE id = ?::uuid AND status = 'AVAILABLE'", id)).isOne();
    }

    @Test
    @DisplayName("[SEC-AV] [DR-HA] an instance whose clamd is down (a closed port) answers 202 pending-scan; neither instance serves the file until the rescan of an instance whose scanner answers makes it available")
    void scannerUnreachableWhenUploadedThenPendingOnEveryInstanceUntilRescanned() throws Exception {
        Trade trade = trade("添付停止");
        Object quote = sentQuote(trade);
        byte[] clean = "検収書".getBytes(StandardCharsets.UTF_8);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        Map<String, Object> pending;
        try (SecondInstance down = secondInstance(Map.of("btob.clamav.port", closed))) {
            WebTestClient asBuyer = down.client(login(trade.buyer().adminLoginId()));
            pending = upload(asBuyer, "quote", quote, "検収書.txt", clean)
                    .expectStatus().isAccepted().expectBody(JSON_OBJECT).returnResult().getResponseBody();
            assertProblem(asBuyer.get().uri("/api/v1/attachments/{id}/content", pending.get("id")).exchange()
                    .expectStatus().isEqualTo(409).expectBody(), "/problems/attachment-unavailable", 409);
        }
        assertThat(pending).containsEntry("status", "pending-scan");
        assertProblem(trade.asSeller().get().uri("/api/v1/attachments/{id}/content", pending.get("id")).exchange()
                .expectStatus().isEqualTo(409).expectBody(), "/problems/attachment-unavailable", 409);

        clock.advance(Duration.ofMinutes(1));
        rescanJob.rescan().block();

        assertThat(status(pending.get("id"))).isEqualTo("AVAILABLE");
        assertThat(trade.asSeller().get().uri("/api/v1/attachments/{id}/content", pending.get("id")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(clean);
    }

    private String status(Object attachmentId) {
        return (String) sql.rows("SELECT status FROM attachment WHERE id = ?::uuid", attachmentId).get(0).get("status");
    }

    private Object sentQuote(Trade trade) {
        Map<String, Object> quote = draft(trade, "添付の見積");
        return done(trade.asSeller(), quote, "send", null).get("id");
    }

    static WebTestClient.ResponseSpec upload(WebTestClient client, String type, Object documentId, String filename,
                                             byte[] file) {
        return client.post().uri(uriBuilder -> uriBuilder.path(UPLOAD).queryParam("filename", "{name}").build(type, documentId, filename))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(file)
                .exchange();
    }

    /** The attachments of a quote, one page of up to 100. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listed(WebTestClient client, Object quote) {
        Map<String, Object> page = client.get().uri(UPLOAD + "?limit=100", "quote", quote).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    private static void notFound(WebTestClient.ResponseSpec answer) {
        assertProblem(answer.expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }

    static byte[] pdf(int size) {
        byte[] file = new byte[size];
        for (int i = 0; i < size; i++) {
            file[i] = (byte) ('A' + i % 23);
        }
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
