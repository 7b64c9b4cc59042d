package jp.btob.platform.identity.review;

import java.util.List;
import java.util.stream.Collectors;

import jp.btob.platform.api.model.AccountReviewEntry;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.system.csv.CsvCells;

/**
 * The account review as RFC 4180 CSV. It starts with a UTF-8 byte order mark: without one, Excel
 * in a Japanese locale reads the file as Shift_JIS and garbles every Japanese name.
 */
final class AccountReviewCsv {

    static final String BOM = "\uFEFF";

    static final String HEADER = "companyCode,loginId,displayName,email,roles,grants,denials,status,createdAt,lastLoginAt,"
            + "daysDormant,passwordAgeDays,mfaRequired,mfaChannel,totpEnrolled,locked,lockedUntil,liveSessions";

    private AccountReviewCsv() {
    }

    static String of(List<AccountReviewEntry> entries) {
        StringBuilder csv = new StringBuilder(BOM).append(HEADER).append("\r\n");
        for (AccountReviewEntry entry : entries) {
            CsvCells.line(csv, entry.getCompanyCode(), entry.getLoginId(), entry.getDisplayName(), entry.getEmail(),
                    String.join(" ", entry.getRoles()),
                    entry.getGrants().stream().map(Permission::getValue).collect(Collectors.joining(" ")),
                    entry.getDenials().stream().map(Permission::getValue).collect(Collectors.joining(" ")),
                    entry.getStatus().getValue(), entry.getCreatedAt(), entry.getLastLoginAt(), entry.getDaysDormant(),
                    entry.getPasswordAgeDays(), entry.getMfaRequired(),
                    entry.getMfaChannel() == null ? null : entry.getMfaChannel().getValue(), entry.getTotpEnrolled(),
                    entry.getLocked(), entry.getLockedUntil(), entry.getLiveSessions());
        }
        return csv.toString();
    }
}
