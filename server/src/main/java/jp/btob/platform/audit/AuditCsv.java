package jp.btob.platform.audit;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jp.btob.platform.system.csv.CsvCells;
import tools.jackson.databind.json.JsonMapper;

/** Audit events as RFC 4180 CSV, its cells neutralised by {@link CsvCells}. */
final class AuditCsv {

    static final String HEADER = "id,seq,occurredAt,actorType,actorId,action,targetType,targetId,outcome,"
            + "sourceAddress,traceId,details,hash";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditCsv() {
    }

    static String of(List<AuditEventRow> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditEventRow row : rows) {
            AuditFacts facts = row.facts();
            CsvCells.line(csv, row.id(), row.seq(), facts.occurredAt(), facts.actorType(), facts.actorId(), facts.action(),
                    facts.targetType(), facts.targetId(), facts.outcome(), facts.sourceAddress(), facts.traceId(),
                    details(facts.details()), HexFormat.of().formatHex(row.hash()));
        }
        return csv.toString();
    }

    private static String details(Map<String, Object> details) {
        return details == null || details.isEmpty() ? null : JSON.writeValueAsString(details);
    }
}
