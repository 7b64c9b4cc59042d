package jp.btob.platform.alert;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jp.btob.platform.api.model.AuditOutcome;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators' alert rules, from the platform's configuration.
 *
 * @param platformRules each raises an alert to the operators when {@code threshold} events of
 *                      its action (and outcome) occur on one audit chain within {@code window}
 */
@ConfigurationProperties("btob.alerts")
public record AlertProperties(List<PlatformRule> platformRules) {

    private static final Pattern ACTION = Pattern.compile("^[a-z]+(\\.[a-z-]+)+$");

    public AlertProperties {
        platformRules = platformRules == null ? List.of() : List.copyOf(platformRules);
        for (int i = 0; i < platformRules.size(); i++) {
            PlatformRule rule = platformRules.get(i);
            String setting = "btob.alerts.platform-rules[" + i + "]";
            if (rule.name() == null || rule.name().isBlank() || rule.name().length() > 100) {
                throw new IllegalArgumentException(setting + ".name must be 1 to 100 characters");
            }
            if (rule.action() == null || !ACTION.matcher(rule.action()).matches()) {
                throw new IllegalArgumentException(setting + ".action must be an audit action such as auth.login, not "
                        + rule.action());
            }
            if (rule.threshold() < 1 || rule.threshold() > 1000) {
                throw new IllegalArgumentException(setting + ".threshold must be 1 to 1000, not " + rule.threshold());
            }
            if (rule.window() == null || rule.window().toSeconds() < 1 || rule.window().compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(setting + ".window must be 1s to 1d, not " + rule.window());
            }
        }
        if (platformRules.stream().map(PlatformRule::name).distinct().count() != platformRules.size()) {
            throw new IllegalArgumentException("btob.alerts.platform-rules have two rules of the same name");
        }
    }

    /** One of the operators' rules; {@code outcome} null counts both outcomes. */
    public record PlatformRule(String name, String action, AuditOutcome outcome, int threshold, Duration window) {

        /** How alerts of this rule are told apart from a company rule's, which are keyed by its ID. */
        String key() {
            return "platform:" + name;
        }
    }
}
