package jp.btob.platform.audit;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a chain's kept events start once older months have expired: the last event removed
 * ({@code throughSeq}, {@code throughHash}), the start of the first month kept
 * ({@code throughTime}), how many events went and when.
 */
record AuditAnchorRow(UUID chain, long throughSeq, byte[] throughHash, Instant throughTime, long removed,
                      Instant anchoredAt) {

    /** What the {@code audit.expire} event that records this anchor says in its details. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("throughSeq", throughSeq);
        details.put("throughHash", HexFormat.of().formatHex(throughHash));
        details.put("throughTime", throughTime.toString());
        details.put("removed", removed);
        return details;
    }

    /** Whether the event is the {@code audit.expire} event that records this anchor. */
    boolean recordedBy(AuditEventRow event) {
        Map<String, Object> recorded = event.facts().details();
        if (!AuditAction.AUDIT_EXPIRE.code().equals(event.facts().action()) || recorded == null) {
            return false;
        }
        return details().entrySet().stream().allMatch(fact ->
                Objects.equals(String.valueOf(recorded.get(fact.getKey())), String.valueOf(fact.getValue())));
    }
}
