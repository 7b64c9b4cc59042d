package jp.btob.platform.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * One revision as stored: its terms with the body still encrypted under the drafter's data key.
 *
 * @param terms      the terms, with a null body
 * @param ciphertext the body, encrypted
 * @param sha256     the SHA-256 (hex) of the body's UTF-8 bytes, computed when it was written
 */
record StoredRevision(UUID id, UUID contractId, int revision, UUID companyId, ContractTerms terms, byte[] ciphertext,
                      String sha256, Instant createdAt) {
}
