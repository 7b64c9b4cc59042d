package jp.btob.platform.label;

import java.util.LinkedHashSet;
import java.util.UUID;

import jp.btob.platform.api.LabelsApi;
import jp.btob.platform.api.model.DocumentLabels;
import jp.btob.platform.api.model.DocumentLabelsInput;
import jp.btob.platform.api.model.VocabularyLabel;
import jp.btob.platform.api.model.VocabularyLabelInput;
import jp.btob.platform.api.model.VocabularyLabelList;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.UnprocessableFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The labels API: a company's vocabulary, and its own labels on the documents it is a party to. */
@RestController
class LabelController implements LabelsApi {

    private final LabelService labels;

    LabelController(LabelService labels) {
        this.labels = labels;
    }

    @Override
    public Mono<ResponseEntity<VocabularyLabelList>> listVocabularyLabels(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMapMany(labels::vocabulary)
                .map(LabelController::toApi)
                .collectList()
                .map(items -> ResponseEntity.ok(new VocabularyLabelList(items)));
    }

    @Override
    public Mono<ResponseEntity<VocabularyLabel>> createVocabularyLabel(Mono<VocabularyLabelInput> body,
                                                                       ServerWebExchange exchange) {
        return Callers.of(exchange)
                .zipWith(body)
                .flatMap(both -> labels.create(both.getT1(), input(both.getT2())))
                .map(row -> ResponseEntity.status(HttpStatus.CREATED).body(toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<VocabularyLabel>> updateVocabularyLabel(UUID labelId, Mono<VocabularyLabelInput> body,
                                                                       ServerWebExchange exchange) {
        return Callers.of(exchange)
                .zipWith(body)
                .flatMap(both -> labels.update(both.getT1(), labelId, input(both.getT2())))
                .map(row -> ResponseEntity.ok(toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteVocabularyLabel(UUID labelId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> labels.delete(caller, labelId))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @Override
    public Mono<ResponseEntity<DocumentLabels>> getDocumentLabels(String documentType, UUID documentId,
                                                                  ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> labels.read(caller, documentType, documentId))
                .map(LabelController::answer);
    }

    @Override
    public Mono<ResponseEntity<DocumentLabels>> putDocumentLabels(String documentType, UUID documentId,
                                                                  Mono<DocumentLabelsInput> body, String ifMatch,
                                                                  ServerWebExchange exchange) {
        return Callers.of(exchange)
                .zipWith(body)
                .flatMap(both -> labels.replace(both.getT1(), documentType, documentId,
                        new LinkedHashSet<>(both.getT2().getLabelIds()), new LinkedHashSet<>(both.getT2().getLabels()),
                        ifMatch))
                .map(LabelController::answer);
    }

    private static ResponseEntity<DocumentLabels> answer(LabelSet set) {
        return ResponseEntity.ok().header(HttpHeaders.ETAG, ETags.of(set.version()))
                .body(new DocumentLabels(set.kind().value(), set.documentId(),
                        set.tags().stream().map(LabelController::toApi).toList(),
                        new LinkedHashSet<>(set.labels()), set.version()));
    }

    private static LabelService.TagInput input(VocabularyLabelInput body) {
        if (body.getName().isBlank()) {
            throw new UnprocessableFieldException("name", "A tag's name is not blank.");
        }
        return new LabelService.TagInput(body.getName().strip(), body.getColor(), body.getDescription());
    }

    private static VocabularyLabel toApi(VocabularyRow row) {
        return new VocabularyLabel(row.id(), row.name(), Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .color(row.color())
                .description(row.description());
    }
}
