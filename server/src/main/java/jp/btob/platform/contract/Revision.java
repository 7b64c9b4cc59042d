package jp.btob.platform.contract;

import java.time.Instant;

/**
 * One revision as its parties read it, the body decrypted.
 *
 * @param sha256 the SHA-256 (hex) of the body's UTF-8 bytes, as computed when the revision was written
 */
record Revision(int revision, ContractTerms terms, String sha256, Instant createdAt) {
}
