package jp.btob.platform.identity.theme;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.LoginTheme;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.crypto.DerivedKeys;
import jp.btob.platform.crypto.KeyPurpose;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Login themes. Where a user chose none, and for a login ID nobody has, the theme comes from
 * HMAC-SHA256 of the lower-cased ID under a key derived from the master key: stable, the same
 * for everyone who asks, and unpredictable without the key, so {@code identify} answers every
 * ID alike and tells nothing about which accounts exist.
 */
@Service
public class LoginThemes {

    private static final byte[] SALT = "login-theme".getBytes(StandardCharsets.US_ASCII);

    private static final LoginTheme.ColourEnum[] COLOURS = LoginTheme.ColourEnum.values();

    private static final LoginTheme.PatternEnum[] PATTERNS = LoginTheme.PatternEnum.values();

    private final ThemeRepository themes;

    private final SecretKey key;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    LoginThemes(ThemeRepository themes, DerivedKeys keys, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.themes = themes;
        this.key = keys.derive(KeyPurpose.LOGIN_THEME, keys.currentMasterKeyId(), SALT);
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The theme to show for a login ID; the derived one is computed every time, so both paths cost the same. */
    public Mono<LoginTheme> identify(String loginId) {
        LoginTheme derived = derived(loginId);
        return themes.chosenFor(loginId).defaultIfEmpty(derived);
    }

    Mono<LoginTheme> of(CurrentUser user) {
        return themes.loginId(user.userId()).flatMap(this::identify);
    }

    Mono<LoginTheme> choose(CurrentUser user, LoginTheme theme) {
        return themes.previous(user.userId())
                .map(previous -> previous.getColour() + "/" + previous.getPattern())
                .defaultIfEmpty("none")
                .flatMap(previous -> themes.save(user.userId(), theme, Times.now(clock))
                        .then(audit.record(new AuditEntry(user.companyId(), Actor.user(user.userId()),
                                AuditAction.AUTH_LOGIN_THEME, "user", user.userId(), AuditOutcome.SUCCESS,
                                Map.of("before", previous, "after", theme.getColour() + "/" + theme.getPattern())))))
                .as(tx::transactional)
                .thenReturn(theme);
    }

    LoginTheme derived(String loginId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(loginId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            long n = Integer.toUnsignedLong(ByteBuffer.wrap(digest).getInt());
            return new LoginTheme(COLOURS[(int) (n % COLOURS.length)], PATTERNS[(int) ((n / COLOURS.length) % PATTERNS.length)]);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Every JDK has HmacSHA256", ex);
        }
    }
}
