package jp.btob.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLHandshakeException;

import jp.btob.client.BtobApiException;
import jp.btob.client.BtobClient;
import jp.btob.client.InvalidRequestException;
import jp.btob.client.NotFoundException;
import jp.btob.client.Pages;
import jp.btob.client.RequestOptions;
import jp.btob.client.model.ApiClientInput;
import jp.btob.client.model.ApiClientWithSecret;
import jp.btob.client.model.Me;
import jp.btob.client.model.Order;
import jp.btob.client.model.OrderCreate;
import jp.btob.client.model.OrderPage;
import jp.btob.client.model.OrderStatus;
import jp.btob.client.model.PartnerConnection;
import jp.btob.client.model.PartnerConnectionPage;
import jp.btob.client.model.PartnerDirection;
import jp.btob.client.model.PartnerStatus;
import jp.btob.client.model.PasswordChange;
import jp.btob.client.model.Permission;
import jp.btob.client.model.RoleSummary;
import jp.btob.client.model.SecurityPreset;
import jp.btob.client.model.SecuritySettings;
import jp.btob.client.model.SecuritySettingsUpdate;
import jp.btob.client.model.TaxCategory;
import jp.btob.client.model.TradeLineInput;
import jp.btob.client.model.LoginResponse;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.SecuritySettingsSteps;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The Java SDK against the live server, as an ERP integrator uses it. */
class SdkLiveTests extends TradeTest {

    private BtobClient sdk() {
        return BtobClient.builder()
                .baseUrl("https://localhost:" + port)
                .trustCertificate(serverCertificate())
                .build();
    }

    @Test
    @DisplayName("[PLT-SDK] log in, read me and list the company's partners through the SDK")
    void loginThenMeAndPartners() {
        BtobClient client = sdk();
        LoginResponse session = client.login("buyer-admin", DemoData.PASSWORD).block();
        assertThat(session.getToken()).isNotBlank();
        assertThat(session.getTokenType()).isEqualTo(LoginResponse.TokenTypeEnum.BEARER);
        assertThat(session.getExpiresAt().getOffset().getTotalSeconds()).isZero();
        assertThat(session.getPasswordChangeRequired()).isFalse();
        assertThat(session.getMfaRequired()).isFalse();

        Me me = client.me().getMe().onErrorMap(BtobApiException::translate).block();
        assertThat(me.getLoginId()).isEqualTo("buyer-admin");
        assertThat(me.getId()).isEqualTo(DemoData.USERS.get(0).id());
        assertThat(me.getRoles()).extracting(role -> role.getKey()).containsExactly(RoleSummary.KeyEnum.COMPANY_ADMIN);
        assertThat(me.getPermissions()).contains(Permission.ADMIN_USERS, Permission.INVOICE_ISSUE);
        assertThat(me.getScreens()).contains(Permission.SCREEN_ADMIN);
        assertThat(me.getCompany().getCode()).isEqualTo("BUYR-0001");
        assertThat(me.getCompany().getCompanyId()).isEqualTo(DemoData.BUYER.id());

        PartnerConnectionPage partners = client.partners()
                .listPartners(me.getCompany().getCompanyId(), null, null, null)
                .onErrorMap(BtobApiException::translate).block();
        List<PartnerConnection> seller = partners.getItems().stream()
                .filter(connection -> "SELR-0001".equals(connection.getPartner().getCode()))
                .toList();
        assertThat(seller).hasSize(1);
        assertThat(seller.get(0).getPartner().getCompanyId()).isEqualTo(DemoData.SELLER.id());
        assertThat(seller.get(0).getStatus()).isEqualTo(PartnerStatus.ACTIVE);
        assertThat(seller.get(0).getDirection()).isEqualTo(PartnerDirection.OUTGOING);
        assertThat(partners.getItems()).as("never the buyer itself")
                .noneMatch(connection -> "BUYR-0001".equals(connection.getPartner().getCode()));
    }

    @Test
    @DisplayName("[PLT-SDK] a login and a read chained in one Mono: the read carries the new token")
    void loginThenDeferredCallInSameChain() {
        BtobClient client = sdk();
        Me me = client.login("seller-staff", DemoData.PASSWORD)
                .then(Mono.defer(() -> client.me().getMe()))
                .onErrorMap(BtobApiException::translate)
                .block();
        assertThat(me.getLoginId()).isEqualTo("seller-staff");
        assertThat(me.getCompany().getCode()).isEqualTo("SELR-0001");
    }

    @Test
    @DisplayName("[PLT-SDK] a wrong password raises BtobApiException with the 401 invalid-credentials problem, and leaves no token")
    void loginWhenPasswordWrongThenBtobApiException() {
        BtobClient client = sdk();
        String loginId = fixtures.company("SDK誤入力株式会社").adminLoginId();
        Throwable failure = catchThrowable(() -> client.login(loginId, DemoData.PASSWORD + "x").block());

        assertThat(failure).isInstanceOf(BtobApiException.class);
        BtobApiException problem = (BtobApiException) failure;
        assertThat(problem.getStatus()).isEqualTo(401);
        assertThat(problem.getType()).isEqualTo("/problems/invalid-credentials");
        assertThat(problem.getDetail()).isNotBlank();
        assertThat(problem.getTraceId()).matches("[0-9a-f]{32}");
        assertThat(problem.getErrors()).isEmpty();

        BtobApiException after = callMe(client);
        assertThat(after.getStatus()).isEqualTo(401);
        assertThat(after.getType()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    @DisplayName("[PLT-SDK] after logout calls fail with 401, and the old token is dead on the server, not just forgotten")
    void logoutThenCallsFailAndTokenIsDead() {
        BtobClient client = sdk();
        String token = client.login("buyer-staff", DemoData.PASSWORD).block().getToken();
        assertThat(client.me().getMe().block().getLoginId()).isEqualTo("buyer-staff");

        client.logout().block();

        BtobApiException after = callMe(client);
        assertThat(after.getStatus()).isEqualTo(401);
        assertThat(after.getType()).isEqualTo("/problems/unauthenticated");

        BtobClient replay = BtobClient.builder()
                .baseUrl("https://localhost:" + port)
                .trustCertificate(serverCertificate())
                .bearerToken(token)
                .build();
        BtobApiException replayed = callMe(replay);
        assertThat(replayed.getStatus()).isEqualTo(401);
        assertThat(replayed.getType()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    @DisplayName("[PLT-TENANT] through the SDK, another company's partner list answers 404, never its data")
    void otherCompanysPartnersThenNotFound() {
        BtobClient client = sdk();
        client.login("buyer-admin", DemoData.PASSWORD).block();
        Throwable failure = catchThrowable(() -> client.partners()
                .listPartners(DemoData.SELLER.id(), null, null, null)
                .onErrorMap(BtobApiException::translate).block());
        assertThat(failure).isInstanceOf(BtobApiException.class);
        assertThat(((BtobApiException) failure).getStatus()).isEqualTo(404);
        assertThat(((BtobApiException) failure).getType()).isEqualTo("/problems/not-found");
    }

    @Test
    @DisplayName("[PLT-SDK] an SDK that has not been told to trust the self-signed certificate refuses the connection")
    void sdkWithoutTrustThenHandshakeFails() {
        BtobClient untrusting = BtobClient.builder().baseUrl("https://localhost:" + port).build();
        Throwable failure = catchThrowable(() -> untrusting.login("buyer-admin", DemoData.PASSWORD).block());
        assertThat(failure).isNotNull().isNotInstanceOf(BtobApiException.class);
        assertThat(causes(failure)).hasAtLeastOneElementOfType(SSLHandshakeException.class);
    }

    @Test
    @DisplayName("[PLT-SDK] an administrator reads the security settings and changes them with their ETag through the SDK; a stale one raises the 412 problem")
    void securitySettingsThroughSdk() {
        TestCompany company = fixtures.company("SDK設定株式会社");
        BtobClient client = sdk();
        client.login(company.adminLoginId(), DemoData.PASSWORD).block();
        SecuritySettings current = client.securitySettings().getSecuritySettings()
                .onErrorMap(BtobApiException::translate).block();
        assertThat(current.getVersion()).isZero();
        SecuritySettingsUpdate update = new SecuritySettingsUpdate()
                .preset(SecurityPreset.CUSTOM)
                .passwordPolicy(current.getPasswordPolicy().minLength(10))
                .passwordExpiryDays(30)
                .session(current.getSession())
                .lockout(current.getLockout())
                .mfa(current.getMfa());

        SecuritySettings saved = client.securitySettings().updateSecuritySettings("\"0\"", update)
                .onErrorMap(BtobApiException::translate).block();

        assertThat(saved.getVersion()).isEqualTo(1L);
        assertThat(saved.getPasswordPolicy().getMinLength()).isEqualTo(10);
        assertThat(saved.getPasswordExpiryDays()).isEqualTo(30);
        Throwable stale = catchThrowable(() -> client.securitySettings().updateSecuritySettings("\"0\"", update)
                .onErrorMap(BtobApiException::translate).block());
        assertThat(stale).isInstanceOf(BtobApiException.class);
        assertThat(((BtobApiException) stale).getStatus()).isEqualTo(412);
        assertThat(((BtobApiException) stale).getType()).isEqualTo("/problems/precondition-failed");
    }

    @Test
    @DisplayName("[PLT-SDK] with an expired password the SDK's login answers passwordChangeRequired, other calls raise 403 password-change-required, and me().changePassword lifts it")
    void expiredPasswordThroughSdk() {
        TestCompany company = fixtures.company("SDK期限株式会社");
        SecuritySettingsSteps.change(client(login(company.adminLoginId())),
                form -> SecuritySettingsSteps.set(form, "passwordExpiryDays", 30));
        clock.advance(Duration.ofDays(31));
        BtobClient client = sdk();

        LoginResponse session = client.login(company.staffLoginId(), DemoData.PASSWORD).block();
        assertThat(session.getPasswordChangeRequired()).isTrue();
        assertThat(session.getToken()).isNotBlank();
        Throwable refused = catchThrowable(() -> client.companies().getCompany(company.id())
                .onErrorMap(BtobApiException::translate).block());
        assertThat(refused).isInstanceOf(BtobApiException.class);
        assertThat(((BtobApiException) refused).getStatus()).isEqualTo(403);
        assertThat(((BtobApiException) refused).getType()).isEqualTo("/problems/password-change-required");
        assertThat(client.me().getMe().block().getPasswordChangeRequired()).isTrue();

        client.me().changePassword(new PasswordChange().currentPassword(DemoData.PASSWORD).newPassword("Kumo#Sora-2027"))
                .onErrorMap(BtobApiException::translate).block();

        assertThat(client.companies().getCompany(company.id()).block().getCode()).isEqualTo(company.code());
        assertThat(client.me().getMe().block().getPasswordChangeRequired()).isFalse();
    }

    @Test
    @DisplayName("[PLT-SDK] an administrator creates an API client through the SDK, and an SDK built with its secret calls within the client's scopes and gets the 403 permission-denied problem outside them")
    void apiClientSecretThenSdkCallsAsTheClient() {
        TestCompany company = fixtures.company("SDK連携株式会社");
        BtobClient admin = sdk();
        admin.login(company.adminLoginId(), DemoData.PASSWORD).block();
        ApiClientWithSecret created = admin.apiClients()
                .createApiClient(new ApiClientInput().name("基幹システム").scopes(new LinkedHashSet<>(List.of(Permission.COMPANY_READ))))
                .onErrorMap(BtobApiException::translate).block();

        BtobClient erp = BtobClient.builder()
                .baseUrl("https://localhost:" + port)
                .trustCertificate(serverCertificate())
                .bearerToken(created.getSecret())
                .build();

        assertThat(erp.companies().getCompany(company.id()).onErrorMap(BtobApiException::translate).block().getCode())
                .isEqualTo(company.code());
        Throwable denied = catchThrowable(() -> erp.partners().listPartners(company.id(), null, null, null)
                .onErrorMap(BtobApiException::translate).block());
        assertThat(denied).isInstanceOf(BtobApiException.class);
        assertThat(((BtobApiException) denied).getType()).isEqualTo("/problems/permission-denied");
        assertThat(created.getClient().getSecretPrefix()).isEqualTo(created.getSecret().substring(0, 14));
    }

    @Test
    @DisplayName("[PLT-SDK] a client that signs in by itself places orders with fresh idempotency keys and reads them back page by page")
    void placeThenIterateEveryPage() {
        Trade trade = trade("SDK頁送り");
        BtobClient buyer = BtobClient.builder()
                .baseUrl("https://localhost:" + port)
                .trustCertificate(serverCertificate())
                .login(trade.buyer().adminLoginId(), DemoData.PASSWORD)
                .build();
        List<UUID> placed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            placed.add(buyer.orders().placeOrder(order(trade, "SDK注文 " + i), null).block().getId());
        }

        Pages<Order> sent = Pages.of(cursor -> buyer.orders().listOrders("sent", OrderStatus.PLACED, null, null, null,
                null, null, cursor, 2), OrderPage::getItems, OrderPage::getPage);
        List<UUID> listed = new ArrayList<>();
        for (Order order : sent) {
            listed.add(order.getId());
        }

        assertThat(placed).doesNotHaveDuplicates();
        assertThat(listed).as("oldest first, over three pages of two").containsExactlyElementsOf(placed);
        assertThat(sent.flux().map(Order::getTitle).take(1).blockFirst()).isEqualTo("SDK注文 1");
    }

    @Test
    @DisplayName("[PLT-IDEM] one key given to the SDK twice places one order; the key reused for another body raises the real 422 as InvalidRequestException")
    void givenKeyThenOneOrderAndReuseIs422() {
        Trade trade = trade("SDK冪等");
        BtobClient buyer = sdk();
        buyer.login(trade.buyer().adminLoginId(), DemoData.PASSWORD).block();
        BtobClient keyed = buyer.withOptions(RequestOptions.builder().idempotencyKey("erp-" + UUID.randomUUID()).build());

        Order first = keyed.orders().placeOrder(order(trade, "SDK冪等注文"), null).block();
        Order again = keyed.orders().placeOrder(order(trade, "SDK冪等注文"), null).block();
        Throwable reused = catchThrowable(() -> keyed.orders().placeOrder(order(trade, "別の注文"), null).block());

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(buyer.orders().listOrders("sent", null, null, null, null, null, null, null, 100).block().getItems())
                .extracting(Order::getId).containsExactly(first.getId());
        assertThat(reused).isInstanceOfSatisfying(InvalidRequestException.class, problem -> {
            assertThat(problem.getStatus()).isEqualTo(422);
            assertThat(problem.getType()).isEqualTo("/problems/idempotency-key-reused");
            assertThat(problem.getTraceId()).matches("[0-9a-f]{32}");
            assertThat(problem.getAttempts()).as("a 4xx is not retried").isEqualTo(1);
        });
    }

    @Test
    @DisplayName("[PLT-SDK] a field the platform refuses comes back as InvalidRequestException naming it, another company's order as NotFoundException")
    void realProblemsAreTyped() {
        Trade trade = trade("SDK検証");
        BtobClient buyer = sdk();
        buyer.login(trade.buyer().adminLoginId(), DemoData.PASSWORD).block();
        OrderCreate badQuantity = order(trade, "SDK検証注文");
        badQuantity.getLines().get(0).quantity("-1");

        Throwable invalid = catchThrowable(() -> buyer.orders().placeOrder(badQuantity, null).block());
        Throwable hidden = catchThrowable(() -> sdkAs("seller-admin").orders()
                .getOrder(buyer.orders().placeOrder(order(trade, "SDK他社"), null).block().getId()).block());

        assertThat(invalid).isInstanceOfSatisfying(InvalidRequestException.class, problem -> {
            assertThat(problem.getStatus()).isEqualTo(400);
            assertThat(problem.getErrors()).anySatisfy(error -> assertThat(error.getField()).contains("quantity"));
        });
        assertThat(hidden).isInstanceOfSatisfying(NotFoundException.class,
                problem -> assertThat(problem.getType()).isEqualTo("/problems/not-found"));
    }

    private BtobClient sdkAs(String loginId) {
        BtobClient client = sdk();
        client.login(loginId, DemoData.PASSWORD).block();
        return client;
    }

    private static OrderCreate order(Trade trade, String title) {
        return new OrderCreate().sellerId(trade.seller().id()).title(title).lines(new ArrayList<>(List.of(
                new TradeLineInput().description("コピー用紙 A4 500枚").quantity("12").unit("箱").unitPrice("480.50")
                        .taxCategory(TaxCategory.STANDARD_10))));
    }

    private static BtobApiException callMe(BtobClient client) {
        Throwable failure = catchThrowable(() -> Mono.defer(() -> client.me().getMe())
                .onErrorMap(BtobApiException::translate).block());
        assertThat(failure).isInstanceOf(BtobApiException.class);
        return (BtobApiException) failure;
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
