package jp.btob.platform.identity.theme;

import jp.btob.platform.api.ThemeApi;
import jp.btob.platform.api.model.IdentifyRequest;
import jp.btob.platform.api.model.IdentifyResponse;
import jp.btob.platform.api.model.LoginTheme;
import jp.btob.platform.identity.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class ThemeController implements ThemeApi {

    private final LoginThemes themes;

    ThemeController(LoginThemes themes) {
        this.themes = themes;
    }

    @Override
    public Mono<ResponseEntity<IdentifyResponse>> identify(Mono<IdentifyRequest> identifyRequest, ServerWebExchange exchange) {
        return identifyRequest
                .flatMap(request -> themes.identify(request.getLoginId()))
                .map(theme -> ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(new IdentifyResponse(theme)));
    }

    @Override
    public Mono<ResponseEntity<LoginTheme>> getLoginTheme(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).flatMap(themes::of).map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<LoginTheme>> setLoginTheme(Mono<LoginTheme> loginTheme, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .zipWith(loginTheme)
                .flatMap(both -> themes.choose(both.getT1(), both.getT2()))
                .map(ResponseEntity::ok);
    }
}
