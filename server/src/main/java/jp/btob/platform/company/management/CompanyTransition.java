package jp.btob.platform.company.management;

import jp.btob.platform.api.model.CompanyStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed changes of a company's status, written once; any other is refused with the
 * invalid-transition problem.
 *
 * <pre>
 *   ACTIVE --suspend (with a reason)--> SUSPENDED --reactivate--> ACTIVE
 * </pre>
 */
enum CompanyTransition {

    SUSPEND("suspend", CompanyStatus.ACTIVE, CompanyStatus.SUSPENDED, AuditAction.COMPANY_SUSPEND),
    REACTIVATE("reactivate", CompanyStatus.SUSPENDED, CompanyStatus.ACTIVE, AuditAction.COMPANY_REACTIVATE);

    private final String verb;

    private final CompanyStatus from;

    private final CompanyStatus to;

    private final AuditAction audited;

    CompanyTransition(String verb, CompanyStatus from, CompanyStatus to, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    CompanyStatus from() {
        return from;
    }

    CompanyStatus to() {
        return to;
    }

    AuditAction audited() {
        return audited;
    }
}
