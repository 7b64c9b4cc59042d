package jp.btob.platform.workflow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the approval workflow (SVC-WF).
 *
 * @param maxDelegation the longest period for which a user may delegate their approvals; 90 days
 *                      by default, so that no delegation is left running for good
 */
@ConfigurationProperties("btob.workflow")
public record WorkflowProperties(Duration maxDelegation) {

    static final String MAX_DELEGATION = "btob.workflow.max-delegation (BTOB_WORKFLOW_MAX_DELEGATION)";

    public WorkflowProperties {
        maxDelegation = maxDelegation == null ? Duration.ofDays(90) : maxDelegation;
        if (maxDelegation.isNegative() || maxDelegation.isZero()) {
            throw new IllegalArgumentException(MAX_DELEGATION + " must be positive, such as 90d, not "
                    + maxDelegation);
        }
    }
}
