package jp.btob.platform.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * One party's agreement to one revision.
 *
 * @param sha256     the SHA-256 (hex) of the agreed revision's body
 * @param signerName the signing user's display name; null for an API client
 */
record Agreement(UUID companyId, int revision, String sha256, UUID signerId, String signerName, Instant agreedAt) {
}
