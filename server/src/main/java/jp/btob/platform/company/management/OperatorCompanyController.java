package jp.btob.platform.company.management;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.OperatorCompaniesApi;
import jp.btob.platform.api.model.CompanyCounts;
import jp.btob.platform.api.model.CompanyRegistered;
import jp.btob.platform.api.model.CompanyRegistration;
import jp.btob.platform.api.model.CompanyStatus;
import jp.btob.platform.api.model.CompanySuspension;
import jp.btob.platform.api.model.OperatorCompany;
import jp.btob.platform.api.model.OperatorCompanyPage;
import jp.btob.platform.company.management.ManagedCompanyRepository.ManagedCompany;
import jp.btob.platform.operator.CurrentOperator;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class OperatorCompanyController implements OperatorCompaniesApi {

    private final CompanyManagement management;

    OperatorCompanyController(CompanyManagement management) {
        this.management = management;
    }

    @Override
    public Mono<ResponseEntity<OperatorCompanyPage>> listOperatorCompanies(CompanyStatus status, String name, String cursor,
                                                                           Integer limit, ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return CurrentOperator.of(exchange)
                .flatMapMany(operator -> management.list(status, name, after, limit))
                .map(OperatorCompanyController::body)
                .collectList()
                .map(rows -> Pages.of(rows, limit, company -> new PageCursor(company.getCreatedAt().toInstant(),
                        company.getId())))
                .map(page -> ResponseEntity.ok(new OperatorCompanyPage(page.items(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<CompanyRegistered>> createOperatorCompany(Mono<CompanyRegistration> companyRegistration,
                                                                         ServerWebExchange exchange) {
        return CurrentOperator.of(exchange).zipWith(companyRegistration)
                .flatMap(both -> management.register(both.getT1(), both.getT2()))
                .map(registered -> ResponseEntity.created(URI.create("/api/v1/operator/companies/"
                                + registered.company().id()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(new CompanyRegistered(body(registered.company()), registered.administratorId(),
                                registered.administratorLoginId(), registered.temporaryPassword())));
    }

    @Override
    public Mono<ResponseEntity<OperatorCompany>> getOperatorCompany(UUID companyId, ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> management.find(companyId))
                .map(company -> ResponseEntity.ok(body(company)));
    }

    @Override
    public Mono<ResponseEntity<OperatorCompany>> suspendOperatorCompany(UUID companyId,
                                                                        Mono<CompanySuspension> companySuspension,
                                                                        ServerWebExchange exchange) {
        return CurrentOperator.of(exchange).zipWith(companySuspension)
                .flatMap(both -> management.suspend(both.getT1(), companyId, both.getT2().getReason()))
                .map(company -> ResponseEntity.ok(body(company)));
    }

    @Override
    public Mono<ResponseEntity<OperatorCompany>> reactivateOperatorCompany(UUID companyId, ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> management.reactivate(operator, companyId))
                .map(company -> ResponseEntity.ok(body(company)));
    }

    private static OperatorCompany body(ManagedCompany company) {
        return new OperatorCompany(company.id(), company.code(), company.name(), company.status(),
                new CompanyCounts(company.users(), company.activeUsers(), company.liveSessions(), company.partners()),
                Times.utc(company.createdAt()), Times.utc(company.updatedAt()))
                .nameKana(company.nameKana())
                .registrationNumber(company.registrationNumber())
                .suspendedAt(Times.utc(company.suspendedAt()))
                .suspensionReason(company.suspensionReason());
    }
}
