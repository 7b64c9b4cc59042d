package jp.btob.platform.audit;

import java.util.Arrays;
import java.util.UUID;

import jp.btob.platform.api.model.AuditChainBreak;
import jp.btob.platform.audit.AuditRepository.Head;

/**
 * The walk along a chain, one event at a time: how many events were found intact, the hash of
 * the last of them, and the first break, once found.
 */
record ChainCheck(long intact, byte[] lastHash, Long brokenSeq, UUID brokenEventId, AuditChainBreak reason) {

    static ChainCheck start() {
        return new ChainCheck(0, null, null, null, null);
    }

    boolean broken() {
        return reason != null;
    }

    /** The walk one event further; the checks run from the link backwards to the content. */
    ChainCheck next(AuditEventRow event) {
        long expected = intact + 1;
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
        return new ChainCheck(expected, event.hash(), null, null, null);
    }

    /**
     * The end of the walk against the chain's head, which catches events cut off the end of
     * the chain or added after it without advancing the head.
     */
    ChainCheck against(Head head) {
        if (broken()) {
            return this;
        }
        long headSeq = head == null ? 0 : head.lastSeq();
        byte[] headHash = head == null ? null : head.lastHash();
        if (headSeq == intact && Arrays.equals(headHash, lastHash)) {
            return this;
        }
        long seq = intact < headSeq ? intact + 1 : intact > headSeq ? headSeq + 1 : intact;
        return breakAt(seq, null, AuditChainBreak.HEAD_MISMATCH);
    }

    private ChainCheck breakAt(long seq, UUID eventId, AuditChainBreak why) {
        return new ChainCheck(intact, lastHash, seq, eventId, why);
    }
}
