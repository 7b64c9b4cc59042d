package jp.btob.platform.tradedoc;

import java.util.Arrays;

import jp.btob.platform.api.model.TradeDocument;
import jp.btob.platform.api.model.TradeDocumentCorrection;
import jp.btob.platform.api.model.TradeDocumentCreate;
import jp.btob.platform.api.model.TradeDocumentKind;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.InvalidParameterException;
import jp.btob.platform.trade.TradeModels;

/** Trade documents between the API's models and the domain's records, in one place. */
final class TradeDocumentMapper {

    private TradeDocumentMapper() {
    }

    static TradeDocument toApi(TradeDocumentRow row) {
        TradeDocumentFields fields = row.fields();
        return new TradeDocument(row.id(), row.kind(), TradeModels.party(row.sender()), TradeModels.party(row.receiver()),
                row.senderSide(), row.status(), row.version(), fields.number(), fields.transactionDate(),
                fields.amount(), fields.title(), Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                .kindLabel(fields.kindLabel())
                .taxAmount(fields.taxAmount())
                .notes(fields.notes())
                .externalReference(fields.externalReference())
                .responseNote(row.responseNote());
    }

    /** The kind a query names; one the spec does not list answers 400 naming the parameter. */
    static TradeDocumentKind kind(String value) {
        return Arrays.stream(TradeDocumentKind.values()).filter(kind -> kind.getValue().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidParameterException("kind", "is not a kind of trade document"));
    }

    static TradeDocumentFields fields(TradeDocumentCreate body) {
        return new TradeDocumentFields(body.getNumber(), body.getKindLabel(), body.getTransactionDate(),
                body.getAmount(), body.getTaxAmount(), body.getTitle(), body.getNotes(), body.getExternalReference());
    }

    static TradeDocumentFields fields(TradeDocumentCorrection body) {
        return new TradeDocumentFields(body.getNumber(), body.getKindLabel(), body.getTransactionDate(),
                body.getAmount(), body.getTaxAmount(), body.getTitle(), body.getNotes(), body.getExternalReference());
    }
}
