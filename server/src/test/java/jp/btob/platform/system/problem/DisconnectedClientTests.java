package jp.btob.platform.system.problem;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that hangs up before its answer is sent is not the platform's failure: no ERROR line
 * (the operators alert on those), no 500 written to nobody; any other failure still is both.
 */
class DisconnectedClientTests {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(new Problems(JsonMapper.builder().build()));

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    @DisplayName("[PLT-ERR] the client closed the connection before the answer (reactor-netty's AbortedException): nothing logged at ERROR, no answer written")
    void failureWhenClientGoneThenNoErrorAndNoAnswer() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new AbortedException("Connection has been closed BEFORE send operation")).block();

        assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(exchange.getResponse().getStatusCode()).isNull();
        assertThat(exchange.getResponse().isCommitted()).isFalse();
    }

    @Test
    @DisplayName("[PLT-ERR] any other unexpected failure is still logged at ERROR once and answered 500 as a problem")
    void failureWhenUnexpectedThenErrorAndInternalProblem() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new IllegalStateException("broken here")).block();

        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.ERROR).hasSize(1);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("/problems/internal");
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/invoices"));
    }
}
