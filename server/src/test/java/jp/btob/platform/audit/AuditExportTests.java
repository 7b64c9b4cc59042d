package jp.btob.platform.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.system.csv.CsvCells;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail leaves the platform as CSV for the periodic review, and only for its own company. */
class AuditExportTests extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditService service;

    @Test
    @DisplayName("[OPS-AUDIT] an administrator's CSV export holds exactly the events the list answers, in the same order")
    void exportWhenAdminThenSameEventsAsListAsCsv() {
        TestCompany company = fixtures.company("監査エクスポート株式会社");
        String token = login(company.adminLoginId());
        login(company.staffLoginId());

        EntityExchangeResult<byte[]> result = client(token).get().uri("/api/v1/audit/export")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectHeader().doesNotExist(AuditController.NEXT_CURSOR)
                .expectBody().returnResult();
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment").contains("audit-" + company.id() + ".csv");
        List<String> lines = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo(AuditCsv.HEADER);

        Map<?, ?> page = client(token).get().uri("/api/v1/audit?limit=100").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<String> listed = ((List<?>) page.get("items")).stream()
                .map(item -> String.valueOf(((Map<?, ?>) item).get("id")))
                .collect(Collectors.toList());
        List<String> exported = lines.subList(1, lines.size()).stream()
                .map(line -> line.substring(0, line.indexOf(',')))
                .collect(Collectors.toList());
        assertThat(exported).isNotEmpty().isEqualTo(listed);
        assertThat(lines.get(1)).contains(",auth.login,").contains(",SUCCESS,127.0.0.1,");
    }

    @Test
    @DisplayName("[OPS-AUDIT] staff cannot export the trail, and an administrator's export never holds another company's events")
    void exportWhenStaffOrOtherCompanyThenForbiddenOrNothingOfIt() {
        TestCompany mine = fixtures.company("監査A株式会社");
        TestCompany other = fixtures.company("監査B株式会社");
        login(mine.staffLoginId());

        assertProblem(client(login(mine.staffLoginId())).get().uri("/api/v1/audit/export")
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);

        List<String> mineIds = eventIds(login(mine.adminLoginId()));
        List<String> otherIds = eventIds(login(other.adminLoginId()));
        assertThat(mineIds).isNotEmpty();
        assertThat(otherIds).isNotEmpty().doesNotContainAnyElementsOf(mineIds);
    }

    private List<String> eventIds(String adminToken) {
        String csv = client(adminToken).get().uri("/api/v1/audit/export")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).collect(Collectors.toList());
    }

    @Test
    @DisplayName("[OPS-AUDIT] an export reads page after page across the list's page size and stops one past its limit")
    void exportWhenMoreThanOnePageThenAllInSeqOrderAndOnePastLimit() {
        TestCompany company = fixtures.company("監査件数株式会社");
        UUID target = UUID.randomUUID();
        Flux.range(0, 250)
                .concatMap(i -> audit.record(AuditEntry.success(company.id(), Actor.system(), AuditAction.KEY_REWRAP,
                        "data-key", target)))
                .blockLast();
        CurrentUser admin = new CurrentUser(UUID.randomUUID(), company.id(), BuiltInRole.COMPANY_ADMIN.permissions(), UUID.randomUUID());
        AuditFilter all = new AuditFilter(null, null, null, null, null);

        List<Long> everything = service.export(admin, all, null, 1_000).map(AuditEventRow::seq).collectList().block();
        assertThat(everything).hasSize(250);
        for (int i = 0; i < everything.size(); i++) {
            assertThat(everything.get(i)).isEqualTo(i + 1L);
        }
        assertThat(service.export(admin, all, null, 120).collectList().block()).hasSize(121);
    }

    @Test
    @DisplayName("[OPS-AUDIT] CSV cells cannot smuggle a formula, a line break or a column into a spreadsheet")
    void cellWhenFormulaOrSeparatorsThenNeutralised() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("-2")).isEqualTo("'-2");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvCells.cell("株式会社")).isEqualTo("株式会社");
    }
}
