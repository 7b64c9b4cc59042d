package jp.btob.platform.attachment;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import jp.btob.platform.api.AttachmentsApi;
import jp.btob.platform.api.model.Attachment;
import jp.btob.platform.api.model.AttachmentPage;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The attachments API. The upload's body, the file itself or a form with it, is read from the
 * request as it streams, not through the generated {@code Mono<Resource>}, which would hold the
 * whole file before its limit is known.
 */
@RestController
class AttachmentController implements AttachmentsApi {

    private static final HexFormat HEX = HexFormat.of();

    private final AttachmentService attachments;

    private final PartEventHttpMessageReader forms = FormFile.reader();

    AttachmentController(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @Override
    public Mono<ResponseEntity<Attachment>> uploadAttachment(String documentType, UUID documentId, Mono<Resource> body,
                                                             String filename, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        MediaType type = request.getHeaders().getContentType();
        IncomingFile file = type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)
                ? new FormFile(request, forms, filename)
                : new StreamedFile(request, filename);
        return Callers.of(exchange)
                .flatMap(caller -> attachments.upload(caller, documentType, documentId, file))
                .map(row -> ResponseEntity.status(row.status() == AttachmentStatus.PENDING_SCAN ? HttpStatus.ACCEPTED
                        : HttpStatus.CREATED).body(toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<AttachmentPage>> listAttachments(String documentType, UUID documentId, String cursor,
                                                                Integer limit, ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMapMany(caller -> attachments.list(caller, documentType, documentId, after, Pages.fetchSize(limit)))
                .collectList()
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.uploadedAt(), row.id())))
                .map(page -> ResponseEntity.ok(new AttachmentPage(
                        page.items().stream().map(AttachmentController::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<Attachment>> getAttachment(UUID attachmentId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> attachments.find(caller, attachmentId))
                .map(row -> ResponseEntity.ok(toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<Resource>> downloadAttachment(UUID attachmentId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> attachments.download(caller, attachmentId))
                .map(download -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(download.row().mediaType()))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(download.row().filename(), StandardCharsets.UTF_8).build().toString())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(new ByteArrayResource(download.content())));
    }

    private static Attachment toApi(AttachmentRow row) {
        return new Attachment(row.id(), row.kind().value(), row.documentId(), row.filename(),
                Attachment.MediaTypeEnum.fromValue(row.mediaType()), row.size(), HEX.formatHex(row.sha256()),
                row.status().api(), row.companyId(), Times.utc(row.uploadedAt()))
                .scannedAt(row.scannedAt() == null ? null : Times.utc(row.scannedAt()));
    }
}
