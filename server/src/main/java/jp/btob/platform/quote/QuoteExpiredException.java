package jp.btob.platform.quote;

import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;

/** Acceptance of a quote whose validity date has passed, by the date in Japan. */
final class QuoteExpiredException extends ProblemException {

    QuoteExpiredException(String detail) {
        super(ProblemType.QUOTE_EXPIRED, detail);
    }
}
