package jp.btob.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.text.DateFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.TrustManagerFactory;

import io.netty.channel.ChannelOption;
import jp.btob.client.api.AccountReviewApi;
import jp.btob.client.api.AlertsApi;
import jp.btob.client.api.ApiClientsApi;
import jp.btob.client.api.AttachmentSettingsApi;
import jp.btob.client.api.AttachmentsApi;
import jp.btob.client.api.AuditApi;
import jp.btob.client.api.AuthApi;
import jp.btob.client.api.CompaniesApi;
import jp.btob.client.api.CompanySessionsApi;
import jp.btob.client.api.ContractsApi;
import jp.btob.client.api.DocumentsApi;
import jp.btob.client.api.IncidentNoticesApi;
import jp.btob.client.api.IncidentsApi;
import jp.btob.client.api.InvoicesApi;
import jp.btob.client.api.InvoicingApi;
import jp.btob.client.api.IpAllowlistApi;
import jp.btob.client.api.LabelsApi;
import jp.btob.client.api.LockoutApi;
import jp.btob.client.api.MeApi;
import jp.btob.client.api.MfaApi;
import jp.btob.client.api.MySessionsApi;
import jp.btob.client.api.OperatorAccountReviewApi;
import jp.btob.client.api.OperatorAuthApi;
import jp.btob.client.api.OperatorCompaniesApi;
import jp.btob.client.api.OrdersApi;
import jp.btob.client.api.PartnersApi;
import jp.btob.client.api.QuotesApi;
import jp.btob.client.api.RolesApi;
import jp.btob.client.api.SecuritySettingsApi;
import jp.btob.client.api.SpecSheetsApi;
import jp.btob.client.api.SsoApi;
import jp.btob.client.api.SsoOidcApi;
import jp.btob.client.api.SsoSamlApi;
import jp.btob.client.api.ThemeApi;
import jp.btob.client.api.TradeDocumentsApi;
import jp.btob.client.api.UsersApi;
import jp.btob.client.api.WebhooksApi;
import jp.btob.client.api.WorkflowApi;
import jp.btob.client.invoker.ApiClient;
import jp.btob.client.model.IdentifyRequest;
import jp.btob.client.model.IdentifyResponse;
import jp.btob.client.model.LoginRequest;
import jp.btob.client.model.LoginResponse;
import jp.btob.client.model.LoginTheme;
import jp.btob.client.model.MfaChannel;
import jp.btob.client.model.MfaVerifyRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider.ProtocolSslContextSpec;

/**
 * The BtoB Platform API: every generated API over one HTTP client, sharing one session token.
 *
 * <pre>{@code
 * BtobClient client = BtobClient.builder()
 *         .baseUrl("https://localhost:8443")
 *         .apiClient(clientId, secret)            // or .login(loginId, password), or .bearerToken(token)
 *         .build();
 * Order order = client.orders().placeOrder(newOrder, null).block();
 * }</pre>
 *
 * <p>Every call:
 * <ul>
 * <li>fails with a typed {@link BtobApiException} on an error answer ({@link NotFoundException},
 *     {@link InvalidRequestException} with the field errors, {@link RateLimitedException} …), and with
 *     {@link BtobConnectionException} when no answer came;</li>
 * <li>is retried on 429, 502, 503, 504, 409 {@code /problems/idempotency-in-progress} and lost connections,
 *     with exponential backoff and full jitter, honouring {@code Retry-After}; a {@code POST} only when it
 *     carries an {@code Idempotency-Key};</li>
 * <li>carries an {@code Idempotency-Key} where its operation takes one: a fresh UUID per call, the same on
 *     each of its retries, unless the caller gives one (as the operation's parameter, or in
 *     {@link RequestOptions}).</li>
 * </ul>
 * {@link #withOptions} gives a view of the client with other {@link RequestOptions} (timeouts, retries, a
 * key), sharing its connections and session. {@link Pages} reads a whole cursor-paged list.
 *
 * <p>After {@link #login} in the same chain, call the generated operations inside {@code Mono.defer}: they
 * attach the token when they are called, not when their {@code Mono} is subscribed. A client built with
 * {@link Builder#login} signs in by itself before its first call and again before the session expires.
 *
 * <p>Thread-safe. The APIs are shared: do not change their {@code ApiClient}. Use one client per user,
 * since a client holds one token.
 */
public final class BtobClient {

    private final SharedApiClient apiClient;
    private final SessionToken sessionToken;
    private final AccountReviewApi accountReview;
    private final AlertsApi alerts;
    private final ApiClientsApi apiClients;
    private final AttachmentSettingsApi attachmentSettings;
    private final AttachmentsApi attachments;
    private final AuditApi audit;
    private final AuthApi auth;
    private final CompaniesApi companies;
    private final CompanySessionsApi companySessions;
    private final ContractsApi contracts;
    private final DocumentsApi documents;
    private final IncidentNoticesApi incidentNotices;
    private final IncidentsApi incidents;
    private final InvoicesApi invoices;
    private final InvoicingApi invoicing;
    private final IpAllowlistApi ipAllowlist;
    private final LabelsApi labels;
    private final LockoutApi lockout;
    private final MeApi me;
    private final MfaApi mfa;
    private final MySessionsApi mySessions;
    private final OperatorAccountReviewApi operatorAccountReview;
    private final OperatorAuthApi operatorAuth;
    private final OperatorCompaniesApi operatorCompanies;
    private final OrdersApi orders;
    private final PartnersApi partners;
    private final QuotesApi quotes;
    private final RolesApi roles;
    private final SecuritySettingsApi securitySettings;
    private final SpecSheetsApi specSheets;
    private final SsoApi sso;
    private final SsoOidcApi ssoOidc;
    private final SsoSamlApi ssoSaml;
    private final ThemeApi theme;
    private final TradeDocumentsApi tradeDocuments;
    private final UsersApi users;
    private final WebhooksApi webhooks;
    private final WorkflowApi workflow;

    private BtobClient(SharedApiClient apiClient) {
        this.apiClient = apiClient;
        this.sessionToken = apiClient.sessionToken();
        this.accountReview = new AccountReviewApi(apiClient);
        this.alerts = new AlertsApi(apiClient);
        this.apiClients = new ApiClientsApi(apiClient);
        this.attachmentSettings = new AttachmentSettingsApi(apiClient);
        this.attachments = new AttachmentsApi(apiClient);
        this.audit = new AuditApi(apiClient);
        this.auth = new AuthApi(apiClient);
        this.companies = new CompaniesApi(apiClient);
        this.companySessions = new CompanySessionsApi(apiClient);
        this.contracts = new ContractsApi(apiClient);
        this.documents = new DocumentsApi(apiClient);
        this.incidentNotices = new IncidentNoticesApi(apiClient);
        this.incidents = new IncidentsApi(apiClient);
        this.invoices = new InvoicesApi(apiClient);
        this.invoicing = new InvoicingApi(apiClient);
        this.ipAllowlist = new IpAllowlistApi(apiClient);
        this.labels = new LabelsApi(apiClient);
        this.lockout = new LockoutApi(apiClient);
        this.me = new MeApi(apiClient);
        this.mfa = new MfaApi(apiClient);
        this.mySessions = new MySessionsApi(apiClient);
        this.operatorAccountReview = new OperatorAccountReviewApi(apiClient);
        this.operatorAuth = new OperatorAuthApi(apiClient);
        this.operatorCompanies = new OperatorCompaniesApi(apiClient);
        this.orders = new OrdersApi(apiClient);
        this.partners = new PartnersApi(apiClient);
        this.quotes = new QuotesApi(apiClient);
        this.roles = new RolesApi(apiClient);
        this.securitySettings = new SecuritySettingsApi(apiClient);
        this.specSheets = new SpecSheetsApi(apiClient);
        this.sso = new SsoApi(apiClient);
        this.ssoOidc = new SsoOidcApi(apiClient);
        this.ssoSaml = new SsoSamlApi(apiClient);
        this.theme = new ThemeApi(apiClient);
        this.tradeDocuments = new TradeDocumentsApi(apiClient);
        this.users = new UsersApi(apiClient);
        this.webhooks = new WebhooksApi(apiClient);
        this.workflow = new WorkflowApi(apiClient);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This client with other options for the calls made through the view: those {@code options} sets
     * override this client's, the others stay. The view shares the client's connections and session.
     *
     * <pre>{@code
     * client.withOptions(RequestOptions.builder().idempotencyKey(erpOrderNumber).build())
     *         .orders().placeOrder(newOrder, null);
     * }</pre>
     */
    public BtobClient withOptions(RequestOptions options) {
        Objects.requireNonNull(options, "options");
        return new BtobClient(apiClient.withOptions(options));
    }

    /** The options of this client's calls, the defaults included. */
    public RequestOptions options() {
        return apiClient.options();
    }

    /** The company's account review (every user, role and last login), as JSON or CSV. */
    public AccountReviewApi accountReview() {
        return accountReview;
    }

    /** The company's alert rules and raised alerts. */
    public AlertsApi alerts() {
        return alerts;
    }

    /** The company's API clients, for its administrators: create, rotate the secret, revoke. */
    public ApiClientsApi apiClients() {
        return apiClients;
    }

    /** Each company's own limit on the size of its attachments. */
    public AttachmentSettingsApi attachmentSettings() {
        return attachmentSettings;
    }

    /** Files attached to trade documents: upload, list, download once scanned clean. */
    public AttachmentsApi attachments() {
        return attachments;
    }

    /** The company's audit trail: search, export, verify the hash chain. */
    public AuditApi audit() {
        return audit;
    }

    /** Sign in and out, and the second factor of a login; see also {@link #login} and {@link #logout}. */
    public AuthApi auth() {
        return auth;
    }

    /** Company profiles and their users. */
    public CompaniesApi companies() {
        return companies;
    }

    /** The sessions of the company's users, for its administrators. */
    public CompanySessionsApi companySessions() {
        return companySessions;
    }

    /** Contracts drafted, revised, sent and agreed by both parties. */
    public ContractsApi contracts() {
        return contracts;
    }

    /** The search over every kind of trade document, and each one's history. */
    public DocumentsApi documents() {
        return documents;
    }

    /** The platform's notices of incidents that affect the company. */
    public IncidentNoticesApi incidentNotices() {
        return incidentNotices;
    }

    /** Incidents, for the platform's operators. */
    public IncidentsApi incidents() {
        return incidents;
    }

    /** Invoices: issue from an order, approve, dispute, pay, cancel, JP PINT. */
    public InvoicesApi invoices() {
        return invoices;
    }

    /** The company's invoicing settings: registration number, tax rounding, payment terms. */
    public InvoicingApi invoicing() {
        return invoicing;
    }

    /** The company's IP allow-list. */
    public IpAllowlistApi ipAllowlist() {
        return ipAllowlist;
    }

    /** The company's own labels and the labels on shared documents. */
    public LabelsApi labels() {
        return labels;
    }

    /** Locked-out users, for the company's administrators. */
    public LockoutApi lockout() {
        return lockout;
    }

    /** The signed-in user: profile and password. */
    public MeApi me() {
        return me;
    }

    /** The signed-in user's second factor: channel, phone number, authenticator app. */
    public MfaApi mfa() {
        return mfa;
    }

    /** The signed-in user's own sessions. */
    public MySessionsApi mySessions() {
        return mySessions;
    }

    /** The platform-wide account review, for the platform's operators. */
    public OperatorAccountReviewApi operatorAccountReview() {
        return operatorAccountReview;
    }

    /** The platform operators' sign-in. */
    public OperatorAuthApi operatorAuth() {
        return operatorAuth;
    }

    /** Companies on the platform, for its operators: register, suspend, reactivate. */
    public OperatorCompaniesApi operatorCompanies() {
        return operatorCompanies;
    }

    /** Orders: place, confirm, ship, inspect, return, cancel. */
    public OrdersApi orders() {
        return orders;
    }

    /** The company's trading partners: invite, accept, suspend, resume. */
    public PartnersApi partners() {
        return partners;
    }

    /** Quotes: draft, send, accept, reject, revise. */
    public QuotesApi quotes() {
        return quotes;
    }

    /** The company's roles and the permissions they grant. */
    public RolesApi roles() {
        return roles;
    }

    /** The company's security settings, for its administrators. */
    public SecuritySettingsApi securitySettings() {
        return securitySettings;
    }

    /** Specification sheets: submit, approve, return, with their revisions. */
    public SpecSheetsApi specSheets() {
        return specSheets;
    }

    /** The company's identity providers and single sign-on options. */
    public SsoApi sso() {
        return sso;
    }

    /** Single sign-on through OpenID Connect (browser steps). */
    public SsoOidcApi ssoOidc() {
        return ssoOidc;
    }

    /** Single sign-on through SAML (browser steps). */
    public SsoSamlApi ssoSaml() {
        return ssoSaml;
    }

    /** The login theme: {@link #identify} before the password, and the user's own choice. */
    public ThemeApi theme() {
        return theme;
    }

    /** Other trade documents exchanged with partners: send, acknowledge, correct, cancel. */
    public TradeDocumentsApi tradeDocuments() {
        return tradeDocuments;
    }

    /** The company's users, for its administrators. */
    public UsersApi users() {
        return users;
    }

    /** The company's webhook endpoints, the event catalogue, the delivery log and replay. */
    public WebhooksApi webhooks() {
        return webhooks;
    }

    /** Approval routes and requests, and the approver's inbox. */
    public WorkflowApi workflow() {
        return workflow;
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

        /** How the platform's API client secrets begin. */
        private static final String API_CLIENT_SECRET_PREFIX = "btob_sk_";

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
        private UUID apiClientId;
        private String loginId;
        private String password;
        private RequestOptions defaultOptions = RequestOptions.none();
        private Clock clock = Clock.systemUTC();

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

        /**
         * Calls as one of the company's API clients, as an ERP system does: the platform knows the client
         * by its secret ({@code btob_sk_…}, answered once when the client was created or its secret
         * rotated), sent as {@code Authorization: Bearer}; there is no token to fetch or refresh. The
         * client's ID goes in the {@code User-Agent}, so that the platform's logs name it.
         */
        public Builder apiClient(UUID clientId, String secret) {
            this.apiClientId = Objects.requireNonNull(clientId, "clientId");
            this.bearerToken = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Signs in as this user before the first call and again before the session expires, or when the
         * platform ends it early. A user whose login needs a second factor or a password change cannot
         * sign in unattended: such a login fails the call with {@link IllegalStateException}.
         */
        public Builder login(String loginId, String password) {
            this.loginId = Objects.requireNonNull(loginId, "loginId");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The options of every call unless a {@link BtobClient#withOptions} view overrides them; those left
         * unset keep the defaults (2 retries, backoff from half a second up to 30 seconds, the
         * {@link #responseTimeout}). An idempotency key here would make every call the same one: refused.
         */
        public Builder defaultOptions(RequestOptions options) {
            this.defaultOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** For tests: the clock the session renewal reads. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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
                throw new IllegalArgumentException(apiClientId != null ? "the API client's secret must not be blank"
                        : "bearerToken must not be blank");
            }
            if (apiClientId != null && !bearerToken.startsWith(API_CLIENT_SECRET_PREFIX)) {
                throw new IllegalArgumentException("the API client's secret starts with " + API_CLIENT_SECRET_PREFIX
                        + ": was another value given?");
            }
            if (loginId != null && bearerToken != null) {
                throw new IllegalArgumentException("give one of login, apiClient and bearerToken, not several");
            }
            if (defaultOptions.getIdempotencyKey() != null) {
                throw new IllegalArgumentException("defaultOptions must not hold an idempotencyKey: it would make "
                        + "every call the same one; give it per call with withOptions");
            }
            RequestOptions options = defaultOptions.over(RequestOptions.builder().responseTimeout(responseTimeout).build()
                    .over(RequestOptions.DEFAULTS));

            HttpClient http = HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .responseTimeout(responseTimeout);
            if (trustCertificate != null) {
                ProtocolSslContextSpec tls = tlsTrusting(TrustedCertificates.withPemFile(trustCertificate));
                http = http.secure(spec -> spec.sslContext(tls));
            }
            // The generated codecs, so that requests and answers (de)serialise as the generated models expect.
            DateFormat dateFormat = ApiClient.createDefaultDateFormat();
            IdempotencyKeys.prepare();
            SessionToken sessionToken = new SessionToken();
            sessionToken.setBearerToken(bearerToken);
            WebClient.Builder webClient = ApiClient.buildWebClientBuilder(ApiClient.createDefaultMapper(dateFormat))
                    .clientConnector(new ReactorClientHttpConnector(http))
                    .defaultHeader(HttpHeaders.USER_AGENT, userAgent());
            // The first filter is the outermost: a renewed session serves every retry of a call.
            // The renewal signs in through the client being built, whose API exists only once the client does.
            AtomicReference<AuthApi> signIn = new AtomicReference<>();
            if (loginId != null) {
                LoginRequest login = new LoginRequest().loginId(loginId).password(password);
                webClient.filter(new SessionRenewal(() -> signIn.get().login(login), sessionToken, clock));
            }
            webClient.filter(new Retries(options));
            SharedApiClient apiClient = new SharedApiClient(webClient.build(), dateFormat,
                    stripTrailingSlash(base.toString()), sessionToken, options);
            BtobClient client = new BtobClient(apiClient);
            signIn.set(client.auth);
            return client;
        }

        private String userAgent() {
            String version = BtobClient.class.getPackage().getImplementationVersion();
            String agent = "btob-client-java/" + (version == null ? "dev" : version);
            return apiClientId == null ? agent : agent + " (api-client " + apiClientId + ")";
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
