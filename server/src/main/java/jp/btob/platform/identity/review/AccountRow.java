package jp.btob.platform.identity.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One account as stored, with what the review needs from its second factor, lock and sessions. */
record AccountRow(UUID userId, UUID companyId, String companyCode, String loginId, String displayName, String email,
                  List<String> roles, List<String> grants, List<String> denials, String status, Instant createdAt, Instant lastLoginAt, Instant passwordChangedAt,
                  String mfaChannel, boolean totpEnrolled, Instant lockedUntil, long liveSessions) {
}
