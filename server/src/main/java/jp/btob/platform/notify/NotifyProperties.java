package jp.btob.platform.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notifications are delivered.
 *
 * @param pollInterval   how often the outbox is looked at besides the wake-up after each enqueue
 * @param batchSize      how many due rows one claim takes
 * @param lease          how long a claimed row is left to its worker before another may take it
 * @param maxAttempts    attempts before a row is given up as {@code DEAD}
 * @param backoffInitial the wait after the first failure; it doubles with each further one
 * @param backoffMax     the longest wait between two attempts
 * @param timeout        the time limit of one outbound call (SMTP or webhook)
 * @param circuit        when an endpoint's circuit opens and for how long
 * @param smtp           the mail server
 * @param webhook        what webhooks may reach and trust
 * @param operators      where notices for the platform's operators go
 */
@ConfigurationProperties("btob.notify")
public record NotifyProperties(Duration pollInterval, Integer batchSize, Duration lease, Integer maxAttempts,
                               Duration backoffInitial, Duration backoffMax, Duration timeout, Circuit circuit,
                               Smtp smtp, Webhook webhook, Operators operators) {

    public NotifyProperties {
        pollInterval = positive(pollInterval, Duration.ofSeconds(5), "btob.notify.poll-interval (BTOB_NOTIFY_POLL_INTERVAL)");
        batchSize = batchSize == null ? 20 : batchSize;
        lease = positive(lease, Duration.ofMinutes(2), "btob.notify.lease (BTOB_NOTIFY_LEASE)");
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        backoffInitial = positive(backoffInitial, Duration.ofSeconds(10), "btob.notify.backoff-initial (BTOB_NOTIFY_BACKOFF_INITIAL)");
        backoffMax = positive(backoffMax, Duration.ofHours(1), "btob.notify.backoff-max (BTOB_NOTIFY_BACKOFF_MAX)");
        timeout = positive(timeout, Duration.ofSeconds(10), "btob.notify.timeout (BTOB_NOTIFY_TIMEOUT)");
        circuit = circuit == null ? new Circuit(null, null, null, null) : circuit;
        smtp = smtp == null ? new Smtp(null, null, null, null, null, null) : smtp;
        webhook = webhook == null ? new Webhook(null, null, null, null) : webhook;
        operators = operators == null ? new Operators(null, null, null) : operators;
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("btob.notify.batch-size must be 1 to 500, not " + batchSize);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("btob.notify.max-attempts (BTOB_NOTIFY_MAX_ATTEMPTS) must be 1 to 100, not "
                    + maxAttempts);
        }
        // A lease shorter than a call could let a second worker send a row the first is still sending.
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("btob.notify.lease (" + lease + ") must be at least twice btob.notify.timeout ("
                    + timeout + ")");
        }
    }

    /** The wait before the attempt after {@code failures} failed ones: initial, doubled each time, capped. */
    Duration backoff(int failures) {
        Duration wait = backoffInitial;
        for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    static Duration positive(Duration value, Duration fallback, String setting) {
        Duration chosen = value == null ? fallback : value;
        if (chosen.isNegative() || chosen.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, not " + chosen);
        }
        return chosen;
    }

    /**
     * A circuit per endpoint (webhook URL, SMTP server): once {@code failureRate} per cent of the
     * last {@code window} calls (at least {@code minCalls}) failed, it opens for {@code openFor},
     * and rows for it are deferred without spending an attempt.
     */
    public record Circuit(Integer failureRate, Integer window, Integer minCalls, Duration openFor) {

        public Circuit {
            failureRate = failureRate == null ? 50 : failureRate;
            window = window == null ? 10 : window;
            minCalls = minCalls == null ? 5 : minCalls;
            openFor = positive(openFor, Duration.ofMinutes(1), "btob.notify.circuit.open-for (BTOB_NOTIFY_CIRCUIT_OPEN_FOR)");
            if (failureRate < 1 || failureRate > 100) {
                throw new IllegalArgumentException("btob.notify.circuit.failure-rate must be 1 to 100, not " + failureRate);
            }
            if (window < 1 || minCalls < 1 || minCalls > window) {
                throw new IllegalArgumentException("btob.notify.circuit.window (" + window
                        + ") and min-calls (" + minCalls + ") must be positive, min-calls at most window");
            }
        }
    }

    /** How e-mail leaves: {@code STARTTLS} (required), {@code SSL} (implicit TLS) or {@code NONE} (tests). */
    public enum Tls { STARTTLS, SSL, NONE }

    /**
     * The SMTP server. Without a host, e-mail stays in the outbox, counted in the backlog, until one is set.
     */
    public record Smtp(String host, Integer port, String username, String password, String from, Tls tls) {

        public Smtp {
            host = blankToNull(host);
            username = blankToNull(username);
            password = blankToNull(password);
            from = blankToNull(from) == null ? "btob-platform@localhost" : from.strip();
            tls = tls == null ? Tls.STARTTLS : tls;
            port = port == null ? (tls == Tls.SSL ? 465 : 587) : port;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("btob.notify.smtp.port (BTOB_SMTP_PORT) must be 1 to 65535, not " + port);
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException(
                        "Set both btob.notify.smtp.username (BTOB_SMTP_USERNAME) and .password (BTOB_SMTP_PASSWORD), or neither");
            }
        }

        boolean configured() {
            return host != null;
        }

        /** Without the password, which must never reach a log. */
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from + ", tls=" + tls + "]";
        }
    }

    /**
     * @param privateHosts    host names that may resolve to loopback or private addresses (for a
     *                        receiver inside the operator's network, and for tests); empty by default
     * @param caCertificates  a PEM file of further CA certificates that webhook receivers may present,
     *                        besides the JDK's
     * @param retryFor        how long a delivery of an event is retried from its creation before it is
     *                        {@code DEAD}, however many attempts that takes
     * @param rotationOverlap how long an endpoint's previous secret still signs after a rotation; zero
     *                        for not at all
     */
    public record Webhook(List<String> privateHosts, Path caCertificates, Duration retryFor, Duration rotationOverlap) {

        public Webhook {
            caCertificates = caCertificates == null || caCertificates.toString().isBlank() ? null : caCertificates;
            privateHosts = privateHosts == null ? List.of()
                    : privateHosts.stream().map(String::strip).filter(host -> !host.isEmpty()).map(String::toLowerCase).toList();
            retryFor = positive(retryFor, Duration.ofDays(3), "btob.notify.webhook.retry-for (BTOB_WEBHOOK_RETRY_FOR)");
            rotationOverlap = rotationOverlap == null ? Duration.ofHours(24) : rotationOverlap;
            if (rotationOverlap.isNegative() || rotationOverlap.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("btob.notify.webhook.rotation-overlap (BTOB_WEBHOOK_ROTATION_OVERLAP)"
                        + " must be 0 to 7 days, not " + rotationOverlap);
            }
        }
    }

    /**
     * @param emails        e-mail addresses of the operators
     * @param webhookUrl    the operators' webhook, or none
     * @param webhookSecret the secret that signs deliveries to it
     */
    public record Operators(List<String> emails, String webhookUrl, String webhookSecret) {

        public Operators {
            emails = emails == null ? List.of()
                    : emails.stream().map(String::strip).filter(email -> !email.isEmpty()).toList();
            webhookUrl = blankToNull(webhookUrl);
            webhookSecret = blankToNull(webhookSecret);
            if ((webhookUrl == null) != (webhookSecret == null)) {
                throw new IllegalArgumentException("Set both btob.notify.operators.webhook-url (BTOB_OPERATOR_WEBHOOK_URL) and "
                        + ".webhook-secret (BTOB_OPERATOR_WEBHOOK_SECRET), or neither");
            }
            if (webhookSecret != null && webhookSecret.length() < 32) {
                throw new IllegalArgumentException(
                        "btob.notify.operators.webhook-secret (BTOB_OPERATOR_WEBHOOK_SECRET) must have at least 32 characters");
            }
            if (webhookUrl != null && !webhookUrl.startsWith("https://")) {
                throw new IllegalArgumentException("btob.notify.operators.webhook-url (BTOB_OPERATOR_WEBHOOK_URL) must be https");
            }
        }

        /** Without the secret. */
        @Override
        public String toString() {
            return "Operators[emails=" + emails + ", webhookUrl=" + webhookUrl + "]";
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
