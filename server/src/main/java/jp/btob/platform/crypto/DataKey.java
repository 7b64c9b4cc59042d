package jp.btob.platform.crypto;

import java.util.UUID;

import javax.crypto.SecretKey;

/** An unwrapped data key of one company, held in memory only. */
record DataKey(UUID id, UUID companyId, SecretKey key) {

    @Override
    public String toString() {
        return "DataKey[" + id + " of " + companyId + "]";
    }
}
