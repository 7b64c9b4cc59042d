package jp.btob.platform.partner;

import java.time.Instant;
import java.util.UUID;

import jp.btob.platform.api.model.PartnerStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;

/** A partner connection as stored, with both companies named. */
record PartnerConnectionRow(UUID id, UUID inviterId, UUID inviteeId, PartnerStatus status, String message,
                            Instant invitedAt, Instant acceptedAt, Instant suspendedAt, UUID suspendedBy,
                            Instant updatedAt, CompanyRef inviter, CompanyRef invitee) {

}
