package jp.btob.platform.identity;

import java.util.Set;

import jp.btob.platform.permission.Permissions;
import jp.btob.platform.permission.UserRoles;
import jp.btob.platform.api.MeApi;
import jp.btob.platform.api.model.Me;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.api.model.Party;
import jp.btob.platform.api.model.PasswordChange;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class MeController implements MeApi {

    private final UserRepository users;

    private final SessionRepository sessions;

    private final SecuritySettingsService settings;

    private final PasswordChangeService passwords;

    private final UserRoles roles;

    MeController(UserRepository users, SessionRepository sessions, SecuritySettingsService settings,
                 PasswordChangeService passwords, UserRoles roles) {
        this.roles = roles;
        this.users = users;
        this.sessions = sessions;
        this.settings = settings;
        this.passwords = passwords;
    }

    @Override
    public Mono<ResponseEntity<Me>> getMe(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> Mono.zip(users.findProfile(user.userId()),
                        sessions.passwordChangeRequired(user.sessionId()), settings.forCompany(user.companyId()),
                        roles.of(user.userId()), Mono.just(user)))
                .map(found -> {
                    UserRepository.Profile profile = found.getT1();
                    Set<Permission> permissions = found.getT5().permissions();
                    return ResponseEntity.ok(new Me(profile.id(), profile.loginId(), profile.displayName(),
                            profile.email(), found.getT4(), Permissions.functions(permissions),
                            Permissions.screens(permissions),
                            new Party(profile.companyId(), profile.companyCode(), profile.companyName()),
                            found.getT2())
                            .lastLoginAt(Times.utc(profile.lastLoginAt()))
                            .passwordExpiresAt(Times.utc(PasswordExpiry.expiresAt(profile.passwordChangedAt(),
                                    found.getT3().passwordExpiryDays()))));
                });
    }

    @Override
    public Mono<ResponseEntity<Void>> changePassword(Mono<PasswordChange> change, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> change.flatMap(body -> passwords.change(user, body.getCurrentPassword(),
                        body.getNewPassword())))
                .thenReturn(ResponseEntity.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").<Void>build());
    }
}
