package jp.btob.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** A WireMock server on a free port and the answers the platform gives, for the SDK's tests. */
final class Stubs {

    private Stubs() {
    }

    static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    /** A client of the server with a bearer token and these default options. */
    static BtobClient client(WireMockServer server, RequestOptions options) {
        return BtobClient.builder().baseUrl(server.baseUrl()).allowInsecureHttp().bearerToken("tok")
                .defaultOptions(options).build();
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A problem of this type, its detail {@code d} and its traceId {@code trace-<status>}. */
    static ResponseDefinitionBuilder problem(int status, String type) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody("""
                {"type":"%s","title":"t","status":%d,"detail":"d","traceId":"trace-%d"}
                """.formatted(type, status, status));
    }
}
