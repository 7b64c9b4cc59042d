package jp.btob.platform.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Incidents recorded and read through the API, for the tests that start from one. */
final class IncidentSteps {

    private IncidentSteps() {
    }

    static Map<String, Object> report(String title, Instant detectedAt, List<UUID> companies) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("title", title);
        report.put("description", title + " の詳細: 影響範囲と対応状況をお知らせします。");
        report.put("severity", "HIGH");
        report.put("detectedAt", detectedAt.toString());
        report.put("affectedCompanyIds", companies);
        return report;
    }

    /** Records an incident as the operator; answers the incident as the API shows it. */
    static Map<String, Object> record(WebTestClient operator, String title, Instant detectedAt, List<UUID> companies) {
        return operator.post().uri("/api/v1/operator/incidents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(title, detectedAt, companies))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    static Map<String, Object> get(WebTestClient operator, Object incidentId) {
        return operator.get().uri("/api/v1/operator/incidents/{id}", incidentId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    static Map<String, Object> addCompanies(WebTestClient operator, Object incidentId, List<UUID> companies) {
        return operator.post().uri("/api/v1/operator/incidents/{id}/companies", incidentId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("companyIds", companies))
                .exchange()
                .expectStatus().isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    /** The company's notice of the incident, as its administrator reads it. */
    static Map<String, Object> notice(WebTestClient admin, UUID companyId, Object incidentId) {
        return admin.get().uri("/api/v1/companies/{c}/incidents/{i}", companyId, incidentId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    /** The operators' view of each affected company's notice, by company ID. */
    @SuppressWarnings("unchecked")
    static Map<UUID, Map<String, Object>> deliveries(Map<String, Object> incident) {
        Map<UUID, Map<String, Object>> byCompany = new LinkedHashMap<>();
        for (Object delivery : (List<Object>) incident.get("notices")) {
            Map<String, Object> notice = (Map<String, Object>) delivery;
            byCompany.put(UUID.fromString((String) ((Map<String, Object>) notice.get("company")).get("companyId")), notice);
        }
        return byCompany;
    }

    static Instant instant(Object text) {
        return Instant.parse((String) text);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Class<Map<String, Object>> MAP = (Class) Map.class;
}
