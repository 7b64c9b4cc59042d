package jp.btob.platform.system;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that concern the whole platform.
 *
 * @param dataDir   where the platform keeps what it creates for itself on first run: the
 *                  embedded database and the self-signed certificate
 * @param publicUrl the address clients and identity providers reach the platform at, such as
 *                  {@code https://btob.example.com}: the base of the addresses it gives out about
 *                  itself (SSO service provider IDs and endpoints), never read from a request's
 *                  Host header, which the sender chooses
 */
@Validated
@ConfigurationProperties("btob")
public record PlatformProperties(@NotNull Path dataDir, @NotNull URI publicUrl) {

    public PlatformProperties {
        if (publicUrl != null && (!"https".equals(publicUrl.getScheme()) && !"http".equals(publicUrl.getScheme())
                || publicUrl.getHost() == null || publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException("btob.public-url must be an absolute http(s) URL without query or fragment, was "
                    + publicUrl);
        }
    }

    /** The public address of a path of the platform, such as {@code /api/v1/sso/saml/...}. */
    public String publicUrl(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
