package jp.btob.platform.identity.review;

import java.time.Instant;
import java.util.UUID;

/** One account as stored, with what the review needs from its second factor, lock and sessions. */
record AccountRow(UUID userId, UUID companyId, String companyCode, String loginId, String displayName, String email,
                  String role, String status, Instant createdAt, Instant lastLoginAt, Instant passwordChangedAt,
                  String mfaChannel, boolean totpEnrolled, Instant lockedUntil, long liveSessions) {
}
