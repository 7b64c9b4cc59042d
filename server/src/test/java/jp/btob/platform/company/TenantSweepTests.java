package jp.btob.platform.company;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jp.btob.platform.identity.SessionTokens;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.SpecOperations;
import jp.btob.platform.support.SpecOperations.SpecOperation;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.ProblemAssertions.assertSameProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant sweep: every operation of the company API whose path names a resource, read from the
 * spec files, called by an administrator of one company with the IDs of another company's
 * resources, answers the very 404 a resource that does not exist answers, and changes nothing.
 */
class TenantSweepTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    /**
     * Each company-realm operation with an ID in its path, and the minimal valid body it needs
     * ({@code null}: none). An operation missing here fails the sweep, so a new endpoint cannot
     * be added without being tried with another tenant's IDs.
     */
    private static final Map<String, Supplier<Object>> SWEEP = new LinkedHashMap<>();

    static {
        SWEEP.put("listAlertRules", () -> null);
        SWEEP.put("createAlertRule", TenantSweepTests::alertRule);
        SWEEP.put("getAlertRule", () -> null);
        SWEEP.put("updateAlertRule", TenantSweepTests::alertRule);
        SWEEP.put("deleteAlertRule", () -> null);
        SWEEP.put("listWebhookEndpoints", () -> null);
        SWEEP.put("createWebhookEndpoint", () -> Map.of("url", Receivers.webhookUrl("/tenant-sweep")));
        SWEEP.put("deleteWebhookEndpoint", () -> null);
        SWEEP.put("rotateWebhookSecret", () -> Map.of("overlapSeconds", 0));
        SWEEP.put("getWebhookEndpoint", () -> null);
        SWEEP.put("updateWebhookEndpoint", () -> Map.of("description", "掃引"));
        SWEEP.put("listWebhookDeliveries", () -> null);
        SWEEP.put("getWebhookDelivery", () -> null);
        SWEEP.put("redeliverWebhookEvent", () -> null);
        SWEEP.put("redeliverWebhookEvents", () -> Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
        SWEEP.put("listAlerts", () -> null);
        SWEEP.put("getCompany", () -> null);
        SWEEP.put("listCompanyUsers", () -> null);
        SWEEP.put("listPartners", () -> null);
        SWEEP.put("invitePartner", null); // body needs the third company's code: filled in per run
        SWEEP.put("getPartnerConnection", () -> null);
        SWEEP.put("acceptPartner", () -> null);
        SWEEP.put("suspendPartner", () -> null);
        SWEEP.put("resumePartner", () -> null);
        SWEEP.put("listIncidentNotices", () -> null);
        SWEEP.put("getIncidentNotice", () -> null);
        SWEEP.put("endMySession", () -> null);
        SWEEP.put("endCompanySession", () -> null);
        SWEEP.put("unlockUser", () -> null);
        SWEEP.put("getApiClient", () -> null);
        SWEEP.put("updateApiClient", () -> Map.of("name", "掃引連携", "scopes", List.of("company:read")));
        SWEEP.put("revokeApiClient", () -> null);
        SWEEP.put("rotateApiClientSecret", () -> Map.of("overlapSeconds", 0));
        SWEEP.put("getUser", () -> null);
        SWEEP.put("updateUser", TenantSweepTests::userUpdate);
        SWEEP.put("deleteUser", () -> null);
        SWEEP.put("disableUser", () -> null);
        SWEEP.put("enableUser", () -> null);
        SWEEP.put("resetUserPassword", () -> null);
        SWEEP.put("endUserSessions", () -> null);
        SWEEP.put("getRole", () -> null);
        SWEEP.put("updateRole", () -> Map.of("name", "掃引役割", "permissions", List.of("order:read")));
        SWEEP.put("deleteRole", () -> null);
        SWEEP.put("getQuote", () -> null);
        SWEEP.put("updateQuote", TenantSweepTests::quoteContent);
        SWEEP.put("sendQuote", () -> null);
        SWEEP.put("acceptQuote", () -> null);
        SWEEP.put("rejectQuote", () -> Map.of("reason", "掃引"));
        SWEEP.put("requestQuoteRevision", () -> Map.of("reason", "掃引"));
        SWEEP.put("reviseQuote", TenantSweepTests::quoteContent);
        SWEEP.put("withdrawQuote", () -> Map.of("reason", "掃引"));
        SWEEP.put("getDocumentHistory", () -> null);
        SWEEP.put("uploadAttachment", () -> "掃引の添付".getBytes(StandardCharsets.UTF_8));
        SWEEP.put("listAttachments", () -> null);
        SWEEP.put("getAttachment", () -> null);
        SWEEP.put("downloadAttachment", () -> null);
        SWEEP.put("updateVocabularyLabel", () -> Map.of("name", "掃引タグ"));
        SWEEP.put("deleteVocabularyLabel", () -> null);
        SWEEP.put("getDocumentLabels", () -> null);
        SWEEP.put("putDocumentLabels", () -> Map.of("labelIds", List.of(), "labels", List.of("掃引")));
        SWEEP.put("getIdentityProvider", () -> null);
        SWEEP.put("updateIdentityProvider", () -> Map.of("name", "掃引IdP", "kind", "OIDC",
                "oidc", Map.of("issuer", "https://idp.example.com", "clientId", "sweep")));
        SWEEP.put("deleteIdentityProvider", () -> null);
        SWEEP.put("orderFromQuote", () -> null);
        SWEEP.put("getOrder", () -> null);
        SWEEP.put("confirmOrder", Map::of);
        SWEEP.put("rejectOrder", () -> Map.of("reason", "掃引"));
        SWEEP.put("cancelOrder", () -> Map.of("reason", "掃引"));
        SWEEP.put("shipOrder", () -> Map.of("lines", List.of(Map.of("line", 1, "quantity", "1"))));
        SWEEP.put("inspectOrder", () -> Map.of("inspectionDate", "2026-11-26",
                "lines", List.of(Map.of("line", 1, "accepted", "1", "rejected", "0"))));
        SWEEP.put("returnOrder", () -> Map.of("reason", "掃引", "lines", List.of(Map.of("line", 1, "quantity", "1"))));
        SWEEP.put("invoiceOrder", () -> null);
        SWEEP.put("getInvoice", () -> null);
        SWEEP.put("exportInvoiceJpPint", () -> null);
        SWEEP.put("approveInvoice", () -> null);
        SWEEP.put("disputeInvoice", () -> Map.of("reason", "掃引"));
        SWEEP.put("cancelInvoice", () -> Map.of("reason", "掃引"));
        SWEEP.put("recordPayment", () -> Map.of("amount", 1, "paidOn", "2026-11-26", "method", "cash"));
        SWEEP.put("getSpecSheet", () -> null);
        SWEEP.put("updateSpecSheetContent", () -> Map.of("productName", "掃引製品", "countryOfOrigin", "JP"));
        SWEEP.put("submitSpecSheet", () -> null);
        SWEEP.put("approveSpecSheet", () -> null);
        SWEEP.put("returnSpecSheet", () -> Map.of("comments", "掃引"));
        SWEEP.put("cancelSpecSheet", () -> Map.of("reason", "掃引"));
        SWEEP.put("getSpecSheetRevision", () -> null);
        SWEEP.put("getTradeDocument", () -> null);
        SWEEP.put("acknowledgeTradeDocument", () -> null);
        SWEEP.put("correctTradeDocument", () -> Map.of("number", "掃引-2", "transactionDate", "2026-11-26",
                "amount", 1100, "title", "掃引の納品書", "reason", "掃引"));
        SWEEP.put("cancelTradeDocument", () -> Map.of("reason", "掃引"));
        SWEEP.put("getWorkflowRoute", () -> null);
        SWEEP.put("updateWorkflowRoute", () -> Map.of("name", "掃引経路", "subject", "free-form",
                "steps", List.of(Map.of("mode", "any", "userIds", List.of(UUID.randomUUID().toString())))));
        SWEEP.put("retireWorkflowRoute", () -> null);
        SWEEP.put("revokeWorkflowDelegation", () -> null);
        SWEEP.put("getApprovalRequest", () -> null);
        SWEEP.put("approveApprovalRequest", () -> null);
        SWEEP.put("rejectApprovalRequest", () -> Map.of("reason", "掃引"));
        SWEEP.put("sendBackApprovalRequest", () -> Map.of("reason", "掃引"));
        SWEEP.put("resubmitApprovalRequest", () -> null);
        SWEEP.put("withdrawApprovalRequest", () -> null);
        SWEEP.put("getContract", () -> null);
        SWEEP.put("reviseContract", TenantSweepTests::contractContent);
        SWEEP.put("sendContract", () -> null);
        SWEEP.put("requestContractChanges", () -> Map.of("reason", "掃引"));
        SWEEP.put("agreeContract", () -> Map.of("revision", 1));
        SWEEP.put("cancelContract", () -> Map.of("reason", "掃引"));
        SWEEP.put("getContractRevision", () -> null);
        SWEEP.put("verifyContract", () -> null);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> JSON_OBJECT_TYPE = new TypeReference<>() {
    };

    private static final String NOT_FOUND = "/problems/not-found";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[PLT-TENANT] every company-realm operation with an ID in its path is in the sweep table, and the table names nothing the spec files do not have")
    void sweepTableWhenSpecReadThenCoversEveryOperationWithAnId() {
        List<SpecOperation> withIds = sweptOperations();

        TreeSet<String> inSpec = withIds.stream().map(SpecOperation::operationId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(inSpec)
                .as("company-realm operations with an ID path parameter, read from api-spec/*.yaml; "
                        + "add each new one to TenantSweepTests.SWEEP")
                .isEqualTo(new TreeSet<>(SWEEP.keySet()));
        assertThat(withIds).as("the spec files read").hasSizeGreaterThanOrEqualTo(20);
        withIds.forEach(operation -> assertThat(operation.hasBody())
                .as("%s needs a body in the table exactly when the spec has one", operation.operationId())
                .isEqualTo(SWEEP.get(operation.operationId()) == null
                        || SWEEP.get(operation.operationId()).get() != null));
    }

    @Test
    @DisplayName("[PLT-TENANT] an administrator calling every company-realm operation with another company's IDs (its company, connection, user, role, session, alert rule, webhook endpoint with its deliveries and events, incident notice, API client), under the other company's ID or their own, gets the very 404 a random ID gets, and the other company's resources are unchanged")
    void everyOperationWhenOtherTenantIdsThenSameNotFoundAsRandom() {
        TestCompany a = fixtures.company("掃引A株式会社");
        TestCompany b = fixtures.company("掃引B株式会社");
        TestCompany c = fixtures.company("掃引C株式会社");
        String bAdmin = login(b.adminLoginId());
        String bStaff = login(b.staffLoginId());
        WebTestClient asB = client(bAdmin);

        String connection = invite(asB, b.id(), c.code(), null);
        accept(client(login(c.adminLoginId())), c.id(), connection);
        String rule = id(asB.post().uri("/api/v1/companies/{c}/alert-rules", b.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(alertRule()).exchange().expectStatus().isCreated());
        String endpoint = endpointId(asB.post().uri("/api/v1/companies/{c}/webhook-endpoints", b.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", Receivers.webhookUrl("/tenant-sweep-b")))
                .exchange().expectStatus().isCreated());
        String incident = id(client(operatorLogin(fixtures.operator())).post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(incident(b.id())).exchange().expectStatus().isCreated());
        String session = String.valueOf(sql.rows("SELECT id FROM user_session WHERE token_hash = ?", SessionTokens.hash(bStaff))
                .get(0).get("id"));
        String user = String.valueOf(sql.rows("SELECT id FROM app_user WHERE login_id = ?", b.staffLoginId()).get(0).get("id"));
        Map<?, ?> apiClient = (Map<?, ?>) asB.post().uri("/api/v1/admin/api-clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "B連携", "scopes", List.of("company:read"))).exchange().expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("client");
        String provider = id(asB.post().uri("/api/v1/admin/identity-providers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "B社IdP", "kind", "OIDC", "oidc", Map.of("issuer", "https://idp.example.com",
                        "clientId", "b", "clientSecret", "b-secret"))).exchange().expectStatus().isCreated());
        String role = id(asB.post().uri("/api/v1/admin/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "B社の役割", "permissions", List.of("order:read"))).exchange().expectStatus().isCreated());
        String quote = sentQuote(asB, c.id());
        Map<String, String> ofB = new LinkedHashMap<>(Map.of("companyId", b.id().toString(), "connectionId", connection,
                "ruleId", rule, "endpointId", endpoint, "incidentId", incident, "sessionId", session, "userId", user,
                "clientId", String.valueOf(apiClient.get("id")), "roleId", role, "providerId", provider));
        String order = placedOrder(asB, c.id());
        ofB.putAll(Map.of("quoteId", quote, "documentType", "quote", "documentId", quote, "orderId", order));
        String invoice = issuedInvoice(asB, c.id());
        ofB.put("invoiceId", invoice);
        ofB.putAll(Map.of("specSheetId", submittedSpecSheet(asB, c), "revision", "1"));
        String attachment = id(asB.post().uri("/api/v1/documents/quote/{id}/attachments?filename=b.txt", quote)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue("B社の添付".getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().value(status -> assertThat(status).as("kept, scanned or not").isIn(201, 202)));
        ofB.put("attachmentId", attachment);
        String tradeDocument = sentTradeDocument(asB, c.id());
        ofB.put("tradeDocumentId", tradeDocument);
        String route = approvalRoute(asB, user);
        String request = id(asB.post().uri("/api/v1/workflow/requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "free-form", "title", "掃引の稟議", "amount", 100)).exchange()
                .expectStatus().isCreated());
        ofB.putAll(Map.of("routeId", route, "requestId", request));
        ofB.put("delegationId", id(asB.post().uri("/api/v1/workflow/delegations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("delegateId", user, "until", clock.instant().plusSeconds(86_400).toString())).exchange()
                .expectStatus().isCreated()));
        String tag = id(asB.post().uri("/api/v1/labels/vocabulary").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "B社のタグ")).exchange().expectStatus().isCreated());
        ofB.put("labelId", tag);
        asB.put().uri("/api/v1/documents/quote/{id}/labels", quote).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("labelIds", List.of(tag), "labels", List.of("B社")))
                .exchange().expectStatus().isOk();
        String contract = sentContract(asB, c.id());
        ofB.put("contractId", contract);
        Map<String, Object> delivery = sql.rows("SELECT id, event_id FROM notification WHERE webhook_endpoint_id = ?::uuid"
                + " ORDER BY created_at LIMIT 1", endpoint).get(0);
        ofB.putAll(Map.of("deliveryId", String.valueOf(delivery.get("id")), "eventId", String.valueOf(delivery.get("event_id"))));
        Map<String, Object> before = snapshot(asB, b, connection, rule, incident);
        before.put("deliveries", sql.count("SELECT count(*) FROM notification WHERE webhook_endpoint_id = ?::uuid", endpoint));
        before.put("user", get(asB, "/api/v1/admin/users/{id}", user));
        before.put("role", get(asB, "/api/v1/admin/roles/{id}", role));
        before.put("quote", get(asB, "/api/v1/quotes/{id}", quote));
        before.put("history", get(asB, "/api/v1/documents/quote/{id}/history", quote));
        before.put("provider", get(asB, "/api/v1/admin/identity-providers/{id}", provider));
        before.put("order", get(asB, "/api/v1/orders/{id}", order));
        before.put("invoice", get(asB, "/api/v1/invoices/{id}", invoice));
        before.put("specSheet", get(asB, "/api/v1/spec-sheets/{id}", ofB.get("specSheetId")));
        before.put("attachments", get(asB, "/api/v1/documents/quote/{id}/attachments", quote));
        before.put("attachment", get(asB, "/api/v1/attachments/{id}", attachment));
        before.put("tradeDocument", get(asB, "/api/v1/trade-documents/{id}", tradeDocument));
        before.put("tradeDocumentHistory", get(asB, "/api/v1/documents/trade/{id}/history", tradeDocument));
        before.put("approvalRoute", get(asB, "/api/v1/workflow/routes/{id}", route));
        before.put("approvalRequest", get(asB, "/api/v1/workflow/requests/{id}", request));
        before.put("delegations", get(asB, "/api/v1/workflow/delegations"));
        before.put("vocabulary", get(asB, "/api/v1/labels/vocabulary"));
        before.put("labels", get(asB, "/api/v1/documents/quote/{id}/labels", quote));
        before.put("contract", get(asB, "/api/v1/contracts/{id}", contract));
        before.put("contractHistory", get(asB, "/api/v1/documents/contract/{id}/history", contract));
        Map<String, Object> invitation = Map.of("partnerCode", c.code());

        WebTestClient asA = client(login(a.adminLoginId()));
        List<String> swept = new ArrayList<>();
        for (SpecOperation operation : sweptOperations()) {
            Supplier<Object> table = SWEEP.get(operation.operationId());
            Object body = table == null ? invitation : table.get();
            List<Map<String, String>> variants = new ArrayList<>();
            variants.add(ofB);
            if (operation.pathParameters().contains("companyId") && operation.pathParameters().size() > 1) {
                Map<String, String> underOwnCompany = new LinkedHashMap<>(ofB);
                underOwnCompany.put("companyId", a.id().toString());
                variants.add(underOwnCompany);
            }
            for (Map<String, String> ids : variants) {
                Map<String, String> random = new LinkedHashMap<>();
                // A revision number is no ID: the sheet's random ID is what makes the call miss.
                ids.forEach((name, value) -> random.put(name, value.equals(a.id().toString()) || "revision".equals(name)
                        ? value : UUID.randomUUID().toString()));
                String label = operation.method() + " " + uri(operation, ids);
                Map<String, Object> other = notFound(asA, operation, ids, body, label);
                Map<String, Object> missing = notFound(asA, operation, random, body, label + " (random IDs)");
                assertSameProblem(other, missing);
                assertThat(other.values()).as(label).noneMatch(value -> String.valueOf(value).contains(b.name())
                        || String.valueOf(value).contains(b.code()) || String.valueOf(value).contains(b.staffLoginId()));
                swept.add(label);
            }
        }

        assertThat(swept).as("the calls made").hasSizeGreaterThanOrEqualTo(SWEEP.size());
        Map<String, Object> after = snapshot(asB, b, connection, rule, incident);
        after.put("deliveries", sql.count("SELECT count(*) FROM notification WHERE webhook_endpoint_id = ?::uuid", endpoint));
        after.put("user", get(asB, "/api/v1/admin/users/{id}", user));
        after.put("role", get(asB, "/api/v1/admin/roles/{id}", role));
        after.put("quote", get(asB, "/api/v1/quotes/{id}", quote));
        after.put("history", get(asB, "/api/v1/documents/quote/{id}/history", quote));
        after.put("provider", get(asB, "/api/v1/admin/identity-providers/{id}", provider));
        after.put("order", get(asB, "/api/v1/orders/{id}", order));
        after.put("invoice", get(asB, "/api/v1/invoices/{id}", invoice));
        after.put("specSheet", get(asB, "/api/v1/spec-sheets/{id}", ofB.get("specSheetId")));
        after.put("attachments", get(asB, "/api/v1/documents/quote/{id}/attachments", quote));
        after.put("attachment", get(asB, "/api/v1/attachments/{id}", attachment));
        after.put("tradeDocument", get(asB, "/api/v1/trade-documents/{id}", tradeDocument));
        after.put("tradeDocumentHistory", get(asB, "/api/v1/documents/trade/{id}/history", tradeDocument));
        after.put("approvalRoute", get(asB, "/api/v1/workflow/routes/{id}", route));
        after.put("approvalRequest", get(asB, "/api/v1/workflow/requests/{id}", request));
        after.put("delegations", get(asB, "/api/v1/workflow/delegations"));
        after.put("vocabulary", get(asB, "/api/v1/labels/vocabulary"));
        after.put("labels", get(asB, "/api/v1/documents/quote/{id}/labels", quote));
        after.put("contract", get(asB, "/api/v1/contracts/{id}", contract));
        after.put("contractHistory", get(asB, "/api/v1/documents/contract/{id}/history", contract));
        assertThat(after).as("B's resources after the sweep").isEqualTo(before);
        client(bStaff).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(login(b.staffLoginId())).as("B's staff user still logs in").isNotBlank();
        assertThat(sql.count("SELECT count(*) FROM alert_rule WHERE company_id = ?", a.id()))
                .as("nothing created for A by the sweep").isZero();
    }

    /** What A could have changed of B's: its connection, rule, endpoints, users, notice. */
    private Map<String, Object> snapshot(WebTestClient asB, TestCompany b, String connection, String rule, String incident) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("connection", get(asB, "/api/v1/companies/{c}/partners/{id}", b.id(), connection));
        state.put("partners", get(asB, "/api/v1/companies/{c}/partners", b.id()));
        state.put("rule", get(asB, "/api/v1/companies/{c}/alert-rules/{id}", b.id(), rule));
        state.put("rules", get(asB, "/api/v1/companies/{c}/alert-rules", b.id()));
        state.put("endpoints", get(asB, "/api/v1/companies/{c}/webhook-endpoints", b.id()));
        state.put("users", get(asB, "/api/v1/companies/{c}/users", b.id()));
        state.put("notice", get(asB, "/api/v1/companies/{c}/incidents/{id}", b.id(), incident));
        state.put("company", get(asB, "/api/v1/companies/{c}", b.id()));
        state.put("endpointRows", sql.rows("""
                SELECT id, url, encode(secret, 'hex') AS secret, secret_rotated_at, deleted_at
                FROM webhook_endpoint WHERE company_id = ? ORDER BY id
                """, b.id()));
        state.put("apiClients", get(asB, "/api/v1/admin/api-clients"));
        state.put("apiClientRows", sql.rows("""
                SELECT c.id, c.name, c.scopes::text AS scopes, c.revoked_at, encode(s.secret_hash, 'hex') AS hash, s.valid_until
                FROM api_client c JOIN api_client_secret s ON s.client_id = c.id WHERE c.company_id = ? ORDER BY s.id
                """, b.id()));
        state.put("sessions", sql.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.company_id = ?", b.id()));
        return state;
    }

    private static Map<String, Object> get(WebTestClient client, String uri, Object... variables) {
        return client.get().uri(uri, variables).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static Map<String, Object> notFound(WebTestClient client, SpecOperation operation, Map<String, String> ids,
            Object body, String label) {
        WebTestClient.RequestBodySpec request = client.method(operation.method()).uri(uri(operation, ids));
        if (body instanceof byte[] file) {
            request.contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(file);
        } else if (operation.hasBody()) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        WebTestClient.ResponseSpec response = request.exchange();
        response.expectStatus().value(status -> assertThat(status).as(label).isEqualTo(404));
        WebTestClient.BodyContentSpec problem = response.expectBody();
        assertProblem(problem, NOT_FOUND, 404);
        return JSON.readValue(problem.returnResult().getResponseBody(), JSON_OBJECT_TYPE);
    }

    private static String uri(SpecOperation operation, Map<String, String> ids) {
        String uri = operation.path();
        for (String name : operation.pathParameters()) {
            assertThat(ids).as("an ID of B's for {%s} in %s", name, operation.path()).containsKey(name);
            uri = uri.replace("{" + name + "}", ids.get(name));
        }
        return uri;
    }

    private static String id(WebTestClient.ResponseSpec created) {
        return String.valueOf(created.expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id"));
    }

    private static String endpointId(WebTestClient.ResponseSpec created) {
        Map<?, ?> endpoint = (Map<?, ?>) created.expectBody(JSON_OBJECT).returnResult().getResponseBody().get("endpoint");
        return String.valueOf(endpoint.get("id"));
    }

    private static List<SpecOperation> sweptOperations() {
        return SpecOperations.companyRealm().stream().filter(operation -> !operation.pathParameters().isEmpty()).toList();
    }

    private static Map<String, Object> alertRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "掃引規則");
        rule.put("action", "auth.login");
        rule.put("outcome", "FAILURE");
        rule.put("threshold", 5);
        rule.put("windowSeconds", 300);
        return rule;
    }

    /** A quote of B's for its partner C, sent, so that both of B's quote and history operations have something to find. */
    private String sentQuote(WebTestClient asB, UUID buyer) {
        Map<String, Object> draft = new LinkedHashMap<>(quoteContent());
        draft.put("buyerId", buyer.toString());
        String quote = id(asB.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON).bodyValue(draft)
                .exchange().expectStatus().isCreated());
        asB.post().uri("/api/v1/quotes/{id}/send", quote).header("If-Match", "\"1\"").exchange().expectStatus().isOk();
        return quote;
    }

    /** An approval route of B's for free-form requests, its staff user approving. */
    private static String approvalRoute(WebTestClient asB, String approver) {
        return id(asB.post().uri("/api/v1/workflow/routes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "掃引の経路", "subject", "free-form", "steps",
                        List.of(Map.of("mode", "any", "userIds", List.of(approver))))).exchange()
                .expectStatus().isCreated());
    }

    /** An order B placed with its partner C, so that B's order operations have something to find. */
    /** An invoice B issued to its partner C, B registered as an issuer, so that B's invoice operations have something to find. */
    private static String issuedInvoice(WebTestClient asB, UUID buyerId) {
        asB.put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("registrationNumber", "T7000012050002", "issuerKind", "corporation",
                        "taxRounding", "floor", "paymentTermsDays", 30))
                .exchange().expectStatus().isOk();
        Map<String, Object> invoice = Map.of("buyerId", buyerId.toString(),
                "lines", List.of(Map.of("description", "掃引品", "quantity", "2", "unitPrice", "100", "taxCategory", "standard-10")));
        return id(asB.post().uri("/api/v1/invoices").contentType(MediaType.APPLICATION_JSON).bodyValue(invoice).exchange()
                .expectStatus().isCreated());
    }

    /** A spec sheet B asked its partner C for, submitted by C, so that B's spec sheet operations and revision 1 have something to find. */
    private String submittedSpecSheet(WebTestClient asB, TestCompany c) {
        String sheet = id(asB.post().uri("/api/v1/spec-sheets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sellerId", c.id().toString(), "productName", "掃引製品", "productCode", "SWEEP-1"))
                .exchange().expectStatus().isCreated());
        WebTestClient asC = client(login(c.adminLoginId()));
        asC.put().uri("/api/v1/spec-sheets/{id}/content", sheet).header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("productName", "掃引製品", "productCode", "SWEEP-1",
                        "ingredients", List.of(Map.of("name", "小麦粉")),
                        "allergens", Map.of("mandatory", List.of("wheat"), "recommended", List.of()),
                        "nutrition", Map.of("energyKcal", "350", "protein", "8", "fat", "1.5", "carbohydrate", "75",
                                "saltEquivalent", "0"),
                        "countryOfOrigin", "JP", "plant", Map.of("name", "掃引工場", "address", "東京都千代田区")))
                .exchange().expectStatus().isOk();
        asC.post().uri("/api/v1/spec-sheets/{id}/submit", sheet).header("If-Match", "\"2\"").exchange().expectStatus().isOk();
        return sheet;
    }

    private static String placedOrder(WebTestClient asB, UUID sellerId) {
        Map<String, Object> order = Map.of("sellerId", sellerId.toString(), "title", "掃引の発注",
                "lines", List.of(Map.of("description", "掃引品", "quantity", "2", "unitPrice", "100", "taxCategory", "standard-10")));
        return id(asB.post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(order).exchange()
                .expectStatus().isCreated());
    }

    /** A delivery note B sent its partner C, so that B's trade document operations have something to find. */
    private static String sentTradeDocument(WebTestClient asB, UUID receiverId) {
        Map<String, Object> document = Map.of("receiverId", receiverId.toString(), "kind", "delivery-note",
                "number", "掃引-1", "transactionDate", "2026-11-26", "amount", 1100, "title", "掃引の納品書");
        return id(asB.post().uri("/api/v1/trade-documents").contentType(MediaType.APPLICATION_JSON).bodyValue(document)
                .exchange().expectStatus().isCreated());
    }

    /** A contract B drafted with its partner C and sent, so that B's contract operations have something to find. */
    private static String sentContract(WebTestClient asB, UUID counterpartyId) {
        Map<String, Object> draft = new LinkedHashMap<>(contractContent());
        draft.put("counterpartyId", counterpartyId.toString());
        draft.put("drafterSide", "seller");
        String id = id(asB.post().uri("/api/v1/contracts").contentType(MediaType.APPLICATION_JSON).bodyValue(draft)
                .exchange().expectStatus().isCreated());
        asB.post().uri("/api/v1/contracts/{id}/send", id).header("If-Match", "\"1\"").exchange().expectStatus().isOk();
        return id;
    }

    private static Map<String, Object> contractContent() {
        return Map.of("title", "掃引の契約", "contractType", "nda", "effectiveDate", "2026-12-01",
                "expiryDate", "2027-11-30", "autoRenew", false, "body", "第1条 掃引");
    }

    private static Map<String, Object> quoteContent() {
        return Map.of("title", "掃引見積", "validUntil", "2099-12-31", "lines", List.of(Map.of("description", "掃引品",
                "quantity", "1", "unitPrice", "100", "taxCategory", "standard-10")));
    }

    private static Map<String, Object> userUpdate() {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("displayName", "掃引 利用者");
        update.put("email", "sweep@tenant.example");
        update.put("roleIds", List.of());
        update.put("grants", List.of());
        update.put("denials", List.of());
        return update;
    }

    private Map<String, Object> incident(UUID companyId) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("title", "掃引インシデント");
        report.put("description", "掃引インシデントの詳細: 影響範囲と対応状況をお知らせします。");
        report.put("severity", "HIGH");
        report.put("detectedAt", clock.instant().minusSeconds(3600).toString());
        report.put("affectedCompanyIds", List.of(companyId));
        return report;
    }
}
