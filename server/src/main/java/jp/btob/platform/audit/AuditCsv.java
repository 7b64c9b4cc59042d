package jp.btob.platform.audit;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Audit events as RFC 4180 CSV. A cell that a spreadsheet would read as a formula gets a
 * leading {@code '}, so that an exported trail cannot run anything where it is opened.
 */
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
            line(csv, row.id(), row.seq(), facts.occurredAt(), facts.actorType(), facts.actorId(), facts.action(),
                    facts.targetType(), facts.targetId(), facts.outcome(), facts.sourceAddress(), facts.traceId(),
                    details(facts.details()), HexFormat.of().formatHex(row.hash()));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i] == null ? "" : cells[i].toString()));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static String details(Map<String, Object> details) {
        return details == null || details.isEmpty() ? null : JSON.writeValueAsString(details);
    }
}
