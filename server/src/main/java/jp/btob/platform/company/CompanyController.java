package jp.btob.platform.company;

import java.util.UUID;

import jp.btob.platform.permission.Callers;
import jp.btob.platform.permission.UserRoles;
import jp.btob.platform.api.CompaniesApi;
import jp.btob.platform.api.model.Company;
import jp.btob.platform.api.model.CompanyUser;
import jp.btob.platform.api.model.CompanyUserPage;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class CompanyController implements CompaniesApi {

    private final CompanyRepository companies;

    private final UserRoles roles;

    CompanyController(CompanyRepository companies, UserRoles roles) {
        this.roles = roles;
        this.companies = companies;
    }

    @Override
    public Mono<ResponseEntity<Company>> getCompany(UUID companyId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(user -> companies.findVisible(companyId, user.companyId()))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("company")))
                .map(row -> ResponseEntity.ok(new Company(row.id(), row.code(), row.name(),
                        Times.utc(row.createdAt()), Times.utc(row.updatedAt()))
                        .nameKana(row.nameKana())
                        .registrationNumber(row.registrationNumber())
                        .address(row.address())));
    }

    @Override
    public Mono<ResponseEntity<CompanyUserPage>> listCompanyUsers(UUID companyId, String cursor, Integer limit,
                                                                  ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(user -> Tenancy.ownCompany(user, companyId, "company"))
                .flatMapMany(user -> companies.listUsers(companyId, after, limit))
                .collectList()
                .flatMap(rows -> roles.of(rows.stream().map(CompanyRepository.UserRow::id).toList())
                        .map(held -> rows.stream()
                                .map(row -> new CompanyUser(row.id(), row.loginId(), row.displayName(), row.email(),
                                        held.get(row.id()), row.status(), Times.utc(row.createdAt()))
                                        .lastLoginAt(Times.utc(row.lastLoginAt())))
                                .toList()))
                .map(rows -> Pages.of(rows, limit, user -> new PageCursor(user.getCreatedAt().toInstant(), user.getId())))
                .map(page -> ResponseEntity.ok(new CompanyUserPage(page.items(), page.info())));
    }
}
