package jp.btob.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether to seed the demo companies and users.
 *
 * @param seed {@code auto} (the default) seeds the embedded database only; {@code true} and
 *             {@code false} force it either way
 */
@ConfigurationProperties("btob.demo")
public record DemoProperties(Seed seed) {

    public DemoProperties {
        seed = seed == null ? Seed.AUTO : seed;
    }

    public enum Seed { AUTO, TRUE, FALSE }
}
