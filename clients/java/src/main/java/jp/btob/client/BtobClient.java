package jp.btob.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.text.DateFormat;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.TrustManagerFactory;

import io.netty.channel.ChannelOption;
import jp.btob.client.api.ApiClientsApi;
import jp.btob.client.api.AuthApi;
import jp.btob.client.api.CompaniesApi;
import jp.btob.client.api.InvoicingApi;
import jp.btob.client.api.MeApi;
import jp.btob.client.api.MfaApi;
import jp.btob.client.api.PartnersApi;
import jp.btob.client.api.SecuritySettingsApi;
import jp.btob.client.api.ThemeApi;
import jp.btob.client.invoker.ApiClient;
import jp.btob.client.model.LoginRequest;
import jp.btob.client.model.IdentifyRequest;
import jp.btob.client.model.IdentifyResponse;
import jp.btob.client.model.LoginResponse;
import jp.btob.client.model.LoginTheme;
import jp.btob.client.model.MfaChannel;
import jp.btob.client.model.MfaVerifyRequest;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider.ProtocolSslContextSpec;

/**
 * The BtoB Platform API for one signed-in user: the generated APIs over one HTTP client, sharing one
 * session token that {@link #login} sets and {@link #logout} forgets.
 *
 * <pre>{@code
 * BtobClient client = BtobClient.builder().baseUrl("https://localhost:8443").build();
 * Me me = client.login("buyer-admin", password)
 *         .then(Mono.defer(() -> client.me().getMe()))
 *         .onErrorMap(BtobApiException::translate)
 *         .block();
 * }</pre>
 *
 * <p>The generated operations attach the token when they are called, not when their {@code Mono} is
 * subscribed: after {@code login} in the same chain, call them inside {@code Mono.defer}.
 *
 * <p>Thread-safe. The APIs are shared: do not change their {@code ApiClient}. Use one client per user,
 * since a client holds one token.
 */
public final class BtobClient {

    private final SessionToken sessionToken;
    private final AuthApi auth;
    private final MeApi me;
    private final CompaniesApi companies;
    private final PartnersApi partners;
    private final SecuritySettingsApi securitySettings;
    private final MfaApi mfa;
    private final ThemeApi theme;
    private final ApiClientsApi apiClients;
    private final InvoicingApi invoicing;

    private BtobClient(SharedApiClient apiClient) {
        this.sessionToken = apiClient.sessionToken();
        this.auth = new AuthApi(apiClient);
        this.me = new MeApi(apiClient);
        this.companies = new CompaniesApi(apiClient);
        this.partners = new PartnersApi(apiClient);
        this.securitySettings = new SecuritySettingsApi(apiClient);
        this.mfa = new MfaApi(apiClient);
        this.theme = new ThemeApi(apiClient);
        this.apiClients = new ApiClientsApi(apiClient);
        this.invoicing = new InvoicingApi(apiClient);
    }

    public static Builder builder() {
        return new Builder();
    }

    public AuthApi auth() {
        return auth;
    }

    public MeApi me() {
        return me;
    }

    public CompaniesApi companies() {
        return companies;
    }

    public PartnersApi partners() {
        return partners;
    }

    /** The company's security settings, for its administrators. */
    public SecuritySettingsApi securitySettings() {
        return securitySettings;
    }

    /** The signed-in user's second factor: channel, phone number, authenticator app. */
    public MfaApi mfa() {
        return mfa;
    }

    /** The login theme: {@link #identify} before the password, and the user's own choice. */
    public ThemeApi theme() {
        return theme;
    }

    /** The company's API clients, for its administrators: create, rotate the secret, revoke. */
    public ApiClientsApi apiClients() {
        return apiClients;
    }

    /** The company's invoicing settings: registration number, tax rounding, payment terms. */
    public InvoicingApi invoicing() {
        return invoicing;
    }

    /**
     * The login theme to show before asking for the password; an unknown login ID gets a theme too,
     * so the answer says nothing about which accounts exist.
     */
    public Mono<LoginTheme> identify(String loginId) {
        Objects.requireNonNull(loginId, "loginId");
        return Mono.defer(() -> theme.identify(new IdentifyRequest().loginId(loginId)))
                .map(IdentifyResponse::getTheme)
                .onErrorMap(BtobApiException::translate);
    }

    /**
     * Signs in and keeps the answered token, so that later calls carry {@code Authorization: Bearer <token>}.
     * A failed login keeps the token the client had. Fails with {@link BtobApiException} on an error answer.
     *
     * <p>Check the answer: when {@link LoginResponse#getPasswordChangeRequired()} is true, the password has
     * expired and the session opens only the password change ({@code PUT /api/v1/me/password}),
     * {@code me().getMe()} and {@link #logout()}; after the change it is a normal session. When a second factor is required
     * ({@link LoginResponse#getMfaRequired()}), the answer carries no token, the client's token stays as it
     * was, and {@link #verifyMfa} with the answer's {@code challengeId} and the user's code completes the login.
     */
    public Mono<LoginResponse> login(String loginId, String password) {
        return login(loginId, password, null);
    }

    /** As {@link #login(String, String)}, asking for the second factor's code by this channel if it is needed. */
    public Mono<LoginResponse> login(String loginId, String password, MfaChannel channel) {
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(password, "password");
        LoginRequest request = new LoginRequest().loginId(loginId).password(password).channel(channel);
        return keepToken(Mono.defer(() -> auth.login(request)));
    }

    /**
     * Answers the second-factor challenge of a login and keeps the session's token. A wrong, used or
     * expired code fails with {@link BtobApiException} (401 {@code /problems/invalid-mfa-code}).
     */
    public Mono<LoginResponse> verifyMfa(String challengeId, String code) {
        Objects.requireNonNull(challengeId, "challengeId");
        Objects.requireNonNull(code, "code");
        MfaVerifyRequest request = new MfaVerifyRequest().challengeId(challengeId).code(code);
        return keepToken(Mono.defer(() -> auth.verifyMfa(request)));
    }

    private Mono<LoginResponse> keepToken(Mono<LoginResponse> call) {
        return call
                .doOnNext(answer -> {
                    if (answer.getToken() != null) {
                        sessionToken.setBearerToken(answer.getToken());
                    }
                })
                .onErrorMap(BtobApiException::translate);
    }

    /**
     * Ends the session on the server and forgets the token, even if the call fails: the caller asked
     * to be signed out, and a token the server refuses is useless anyway. Without a token, does nothing.
     */
    public Mono<Void> logout() {
        return Mono.defer(() -> {
            String token = sessionToken.getBearerToken();
            if (token == null) {
                return Mono.<Void>empty();
            }
            // Forget before the result reaches the caller, so the next call in the chain goes without it.
            return auth.logout().doOnTerminate(() -> sessionToken.clear(token));
        }).onErrorMap(BtobApiException::translate);
    }

    /** Settings for a {@link BtobClient}, checked by {@link #build()}. */
    public static final class Builder {

        /** Long enough for a TLS handshake over a slow link, short enough to notice a dead host. */
        private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        /** The platform answers within seconds; longer means it is in trouble. */
        private static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

        private String baseUrl;
        private boolean allowInsecureHttp;
        private Path trustCertificate;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private String bearerToken;

        private Builder() {
        }

        /** Required: where the API is served, such as {@code https://localhost:8443}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Allows an {@code http} base URL, for tests against plain servers; tokens then travel in clear. */
        public Builder allowInsecureHttp() {
            this.allowInsecureHttp = true;
            return this;
        }

        /** Also trusts the certificates in this PEM file, such as the demo server's self-signed one. */
        public Builder trustCertificate(Path pemFile) {
            this.trustCertificate = pemFile;
            return this;
        }

        /** How long to wait for a connection; 10 seconds unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long to wait for an answer once a request is sent; 30 seconds unless set. */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        /**
         * Starts signed in with a token an earlier {@link BtobClient#login} answered, or as an API
         * client with its secret ({@code btob_sk_…}), as an ERP system calls the API.
         */
        public Builder bearerToken(String bearerToken) {
            this.bearerToken = bearerToken;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is missing or invalid */
        public BtobClient build() {
            URI base = checkBaseUrl();
            boolean https = "https".equalsIgnoreCase(base.getScheme());
            if (trustCertificate != null && !https) {
                throw new IllegalArgumentException("trustCertificate needs an https baseUrl, was " + baseUrl);
            }
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("responseTimeout", responseTimeout);
            if (connectTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("connectTimeout must be at most " + Integer.MAX_VALUE + " ms, was "
                        + connectTimeout);
            }
            if (bearerToken != null && bearerToken.isBlank()) {
                throw new IllegalArgumentException("bearerToken must not be blank");
            }

            HttpClient http = HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .responseTimeout(responseTimeout);
            if (trustCertificate != null) {
                ProtocolSslContextSpec tls = tlsTrusting(TrustedCertificates.withPemFile(trustCertificate));
                http = http.secure(spec -> spec.sslContext(tls));
            }
            // The generated codecs, so that requests and answers (de)serialise as the generated models expect.
            DateFormat dateFormat = ApiClient.createDefaultDateFormat();
            WebClient webClient = ApiClient.buildWebClientBuilder(ApiClient.createDefaultMapper(dateFormat))
                    .clientConnector(new ReactorClientHttpConnector(http))
                    .build();
            SharedApiClient apiClient = new SharedApiClient(webClient, dateFormat, stripTrailingSlash(base.toString()));
            apiClient.sessionToken().setBearerToken(bearerToken);
            return new BtobClient(apiClient);
        }

        private URI checkBaseUrl() {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("baseUrl is required, such as https://localhost:8443");
            }
            URI base;
            try {
                base = new URI(baseUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL: " + baseUrl, e);
            }
            if (!base.isAbsolute() || base.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute URL such as https://localhost:8443, was "
                        + baseUrl);
            }
            if (base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or a fragment, was " + baseUrl);
            }
            String scheme = base.getScheme();
            if ("http".equalsIgnoreCase(scheme) && !allowInsecureHttp) {
                throw new IllegalArgumentException("baseUrl must use https, was " + baseUrl
                        + "; call allowInsecureHttp() to use plain http against a test server");
            }
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("baseUrl must use https, was " + baseUrl);
            }
            return base;
        }

        private static void checkTimeout(String name, Duration timeout) {
            if (timeout == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            // Netty counts connect timeouts in whole milliseconds, and zero would mean none at all.
            if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException(name + " must be positive (at least 1 ms), was " + timeout);
            }
        }

        private static ProtocolSslContextSpec tlsTrusting(TrustManagerFactory trust) {
            return Http11SslContextSpec.forClient().configure(builder -> builder.trustManager(trust));
        }

        /** The generated paths start with a slash. */
        private static String stripTrailingSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
