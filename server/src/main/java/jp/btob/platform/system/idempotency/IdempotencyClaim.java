package jp.btob.platform.system.idempotency;

import java.util.Arrays;

/**
 * One request that names an idempotency key: whose key it is (the caller), the key, and what the
 * request was, down to the SHA-256 of its body as received.
 */
record IdempotencyClaim(String scope, String key, String method, String path, byte[] requestHash) {

    /** Whether a stored key was claimed by this very request, as opposed to another one under the same key. */
    boolean sameRequest(StoredKey stored) {
        return method.equals(stored.method()) && path.equals(stored.path())
                && Arrays.equals(requestHash, stored.requestHash());
    }
}
