package jp.btob.platform.identity.mfa;

import java.net.URI;
import java.time.Duration;

import jp.btob.platform.system.CircuitSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HTTP SMS gateway that sends codes by text message.
 *
 * @param gatewayUrl    where a message is POSTed as JSON; none: SMS cannot be sent
 * @param apiKey        sent as {@code Authorization: Bearer}
 * @param timeout       the time limit of one call
 * @param retryAttempts calls per message, the first included, when the gateway answers 5xx or the connection fails
 * @param retryWait     the wait between two of them
 * @param circuit       when the gateway's circuit opens and for how long
 */
@ConfigurationProperties("btob.sms")
public record SmsProperties(URI gatewayUrl, String apiKey, Duration timeout, Integer retryAttempts, Duration retryWait,
                            CircuitSettings circuit) {

    public SmsProperties {
        gatewayUrl = gatewayUrl == null || gatewayUrl.toString().isBlank() ? null : gatewayUrl;
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        retryAttempts = retryAttempts == null ? 3 : retryAttempts;
        retryWait = retryWait == null ? Duration.ofMillis(200) : retryWait;
        circuit = circuit == null ? CircuitSettings.defaults() : circuit;
        if (gatewayUrl != null && !("https".equals(gatewayUrl.getScheme()) || "http".equals(gatewayUrl.getScheme()))) {
            throw new IllegalArgumentException("btob.sms.gateway-url (BTOB_SMS_GATEWAY_URL) must be an http(s) URL, not "
                    + gatewayUrl);
        }
        if (retryAttempts < 1 || retryAttempts > 5) {
            throw new IllegalArgumentException("btob.sms.retry-attempts must be 1 to 5, not " + retryAttempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("btob.sms.timeout (BTOB_SMS_TIMEOUT) must be positive, not " + timeout);
        }
    }

    boolean configured() {
        return gatewayUrl != null;
    }
}
