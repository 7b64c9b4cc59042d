package jp.btob.platform.identity;

import jp.btob.platform.api.model.LoginResponse;
import jp.btob.platform.system.Times;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer of every login that opened a session, by password or through an identity provider:
 * the session cookie and the token in a {@link LoginResponse}, never cached.
 */
@Component
public class SessionResponses {

    private final SessionProperties properties;

    SessionResponses(SessionProperties properties) {
        this.properties = properties;
    }

    /** The signed-in answer; {@code alsoSet} are further cookies to set or remove with it. */
    public ResponseEntity<LoginResponse> signedIn(IssuedSession issued, ResponseCookie... alsoSet) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.of(properties.cookieName(), "/", issued.token(),
                        properties.lifetime()).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        for (ResponseCookie cookie : alsoSet) {
            answer.header(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        return answer.body(new LoginResponse()
                .token(issued.token())
                .tokenType(LoginResponse.TokenTypeEnum.BEARER)
                .expiresAt(Times.utc(issued.expiresAt()))
                .passwordChangeRequired(issued.passwordChangeRequired())
                .mfaRequired(false));
    }
}
