package jp.btob.platform.audit;

import java.util.Arrays;
import java.util.UUID;

import jp.btob.platform.api.model.AuditChainBreak;
import jp.btob.platform.audit.AuditRepository.Head;

/**
 * The walk along a chain, one event at a time, from its start or from the anchor where its
 * kept events start: the anchor, the seq and hash of the last event found intact, how many were,
 * whether the walk met the {@code audit.expire} event that records the anchor, and the first
 * break, once found.
 */
record ChainCheck(AuditAnchorRow anchor, long lastSeq, byte[] lastHash, long intact, boolean anchorRecorded,
                  Break broken) {

    /** Where the chain is broken: the seq, the event when there is one, and why. */
    record Break(long seq, UUID eventId, AuditChainBreak reason) {
    }

    /** A walk from seq 1, or, given an anchor, from the event after it. */
    static ChainCheck from(AuditAnchorRow anchor) {
        return anchor == null
                ? new ChainCheck(null, 0, null, 0, false, null)
                : new ChainCheck(anchor, anchor.throughSeq(), anchor.throughHash(), 0, false, null);
    }

    boolean isBroken() {
        return broken != null;
    }

    /** The walk one event further; the checks run from the link backwards to the content. */
    ChainCheck next(AuditEventRow event) {
        long expected = lastSeq + 1;
        if (event.seq() != expected) {
            return breakAt(expected, null, AuditChainBreak.SEQUENCE_GAP);
        }
        if (!Arrays.equals(event.prevHash(), lastHash)) {
            return breakAt(expected, event.id(), AuditChainBreak.PREVIOUS_HASH_MISMATCH);
        }
        if (!Arrays.equals(event.hash(), AuditContent.hash(event.prevHash(), event.content()))) {
            return breakAt(expected, event.id(), AuditChainBreak.HASH_MISMATCH);
        }
        if (!AuditContent.says(event.content(), event.facts())) {
            return breakAt(expected, event.id(), AuditChainBreak.CONTENT_MISMATCH);
        }
        boolean recorded = anchorRecorded || anchor != null && anchor.recordedBy(event);
        return new ChainCheck(anchor, expected, event.hash(), intact + 1, recorded, null);
    }

    /**
     * The end of the walk: the anchor must be the one the chain records, which ties it to the
     * hashes; and the walk must end where the chain's head says, which catches events cut off
     * the end of the chain or added after it without advancing the head.
     */
    ChainCheck against(Head head) {
        if (isBroken()) {
            return this;
        }
        if (anchor != null && !anchorRecorded) {
            return breakAt(anchor.throughSeq() + 1, null, AuditChainBreak.ANCHOR_MISMATCH);
        }
        long headSeq = head == null ? 0 : head.lastSeq();
        byte[] headHash = head == null ? null : head.lastHash();
        if (headSeq == lastSeq && Arrays.equals(headHash, lastHash)) {
            return this;
        }
        long seq = lastSeq < headSeq ? lastSeq + 1 : lastSeq > headSeq ? headSeq + 1 : lastSeq;
        return breakAt(seq, null, AuditChainBreak.HEAD_MISMATCH);
    }

    private ChainCheck breakAt(long seq, UUID eventId, AuditChainBreak why) {
        return new ChainCheck(anchor, lastSeq, lastHash, intact, anchorRecorded, new Break(seq, eventId, why));
    }
}
