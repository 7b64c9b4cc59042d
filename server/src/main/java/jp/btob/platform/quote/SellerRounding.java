package jp.btob.platform.quote;

import java.util.UUID;

import jp.btob.platform.tax.TaxRounding;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The tax rounding mode a seller's documents are computed with: the company's own choice. */
@Component
class SellerRounding {

    Mono<TaxRounding> of(UUID sellerId) {
        return Mono.just(TaxRounding.FLOOR);
    }
}
