package jp.btob.platform.identity.review;

import jp.btob.platform.api.OperatorAccountReviewApi;
import jp.btob.platform.api.model.AccountReview;
import jp.btob.platform.operator.CurrentOperator;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Every company's review, in the operators' realm only. */
@RestController
class OperatorAccountReviewController implements OperatorAccountReviewApi {

    private final AccountReviews reviews;

    OperatorAccountReviewController(AccountReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public Mono<ResponseEntity<AccountReview>> getPlatformAccountReview(Integer dormantDays,
                                                                       ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> reviews.ofPlatform(operator, dormantDays, "json"))
                .map(report -> ResponseEntity.ok(AccountReviewController.toApi(report)));
    }

    @Override
    public Mono<ResponseEntity<String>> exportPlatformAccountReview(Integer dormantDays, ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> reviews.ofPlatform(operator, dormantDays, "csv"))
                .map(report -> AccountReviewController.csv(report, "account-review-platform.csv"));
    }
}
