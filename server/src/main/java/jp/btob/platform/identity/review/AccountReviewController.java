package jp.btob.platform.identity.review;

import jp.btob.platform.api.AccountReviewApi;
import jp.btob.platform.api.model.AccountReview;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The caller's own company's review: the path names no company, so no other one can be asked for. */
@RestController
class AccountReviewController implements AccountReviewApi {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AccountReviews reviews;

    AccountReviewController(AccountReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public Mono<ResponseEntity<AccountReview>> getAccountReview(Integer dormantDays, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(admin -> reviews.ofCompany(admin, dormantDays, "json"))
                .map(report -> ResponseEntity.ok(toApi(report)));
    }

    @Override
    public Mono<ResponseEntity<String>> exportAccountReview(Integer dormantDays, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(admin -> reviews.ofCompany(admin, dormantDays, "csv")
                        .map(report -> csv(report, "account-review-" + admin.companyId() + ".csv")));
    }

    static AccountReview toApi(AccountReviews.Report report) {
        return new AccountReview().generatedAt(Times.utc(report.generatedAt())).accounts(report.accounts());
    }

    static ResponseEntity<String> csv(AccountReviews.Report report, String filename) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(AccountReviewCsv.of(report.accounts()));
    }
}
