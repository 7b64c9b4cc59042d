package jp.btob.platform.operator;

import java.util.List;

import jp.btob.platform.system.security.Realm;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated operator session; it carries the operators' realm authority and nothing of a company. */
final class OperatorAuthentication extends AbstractAuthenticationToken {

    private final CurrentOperator operator;

    OperatorAuthentication(CurrentOperator operator) {
        super(List.of(Realm.OPERATOR.authority()));
        this.operator = operator;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public CurrentOperator getPrincipal() {
        return operator;
    }

    @Override
    public String getName() {
        return operator.operatorId().toString();
    }
}
