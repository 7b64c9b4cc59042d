package jp.btob.platform.firewall;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The application firewall's settings ({@code btob.firewall.*}): whether it runs, the largest body
 * it reads (a larger one answers 413), how deep a JSON body may nest, and each rule's mode; a
 * rule not named blocks.
 */
@ConfigurationProperties("btob.firewall")
public record FirewallProperties(Boolean enabled, DataSize maxBody, Integer maxJsonDepth, Map<FirewallRule, FirewallMode> modes) {

    public FirewallProperties {
        enabled = enabled == null || enabled;
        maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
        maxJsonDepth = maxJsonDepth == null ? 32 : maxJsonDepth;
        if (maxBody.toBytes() < 1024 || maxBody.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("btob.firewall.max-body must be between 1KB and 2GB, not " + maxBody);
        }
        if (maxJsonDepth < 2 || maxJsonDepth > 1000) {
            throw new IllegalArgumentException("btob.firewall.max-json-depth must be between 2 and 1000, not " + maxJsonDepth);
        }
        EnumMap<FirewallRule, FirewallMode> all = new EnumMap<>(FirewallRule.class);
        for (FirewallRule rule : FirewallRule.values()) {
            all.put(rule, modes == null ? FirewallMode.BLOCK : modes.getOrDefault(rule, FirewallMode.BLOCK));
        }
        modes = Map.copyOf(all);
    }

    public FirewallMode mode(FirewallRule rule) {
        return modes.get(rule);
    }
}
