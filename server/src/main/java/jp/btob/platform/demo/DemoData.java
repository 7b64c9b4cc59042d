package jp.btob.platform.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.identity.mfa.Base32;
import jp.btob.platform.operator.OperatorMfaRepository;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.db.DatabaseEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two connected companies, a buyer and a seller, with an administrator and a staff user each and
 * invoicing settings that let each issue qualified invoices, and one platform operator. Seeding is
 * idempotent: rows that exist are left as they are.
 */
@Component
@Order(0)
public class DemoData implements ApplicationRunner {

    /** Every demo user's password; the README lists it. */
    public static final String PASSWORD = "Demo#2026pass";

    public static final DemoCompany BUYER = new DemoCompany(UUID.fromString("0b0b0000-0000-4000-8000-000000000001"),
            "BUYR-0001", "株式会社サンプル商事", "カブシキガイシャサンプルショウジ", "T4010001234567", "東京都千代田区丸の内1-1-1");

    public static final DemoCompany SELLER = new DemoCompany(UUID.fromString("0b0b0000-0000-4000-8000-000000000002"),
            "SELR-0001", "株式会社テスト製作所", "カブシキガイシャテストセイサクショ", "T1040001234567", "大阪府大阪市北区梅田2-2-2");

    public static final List<DemoUser> USERS = List.of(
            new DemoUser(UUID.fromString("0b0b0000-0000-4000-8000-000000000011"), BUYER, "buyer-admin", "買手 管理者", "admin@buyer.example", BuiltInRole.COMPANY_ADMIN),
            new DemoUser(UUID.fromString("0b0b0000-0000-4000-8000-000000000012"), BUYER, "buyer-staff", "買手 担当者", "staff@buyer.example", BuiltInRole.STAFF),
            new DemoUser(UUID.fromString("0b0b0000-0000-4000-8000-000000000021"), SELLER, "seller-admin", "売手 管理者", "admin@seller.example", BuiltInRole.COMPANY_ADMIN),
            new DemoUser(UUID.fromString("0b0b0000-0000-4000-8000-000000000022"), SELLER, "seller-staff", "売手 担当者", "staff@seller.example", BuiltInRole.STAFF));

    /** The demo platform operator, who signs in at the operators' login, not the companies'. */
    public static final DemoOperator OPERATOR = new DemoOperator(UUID.fromString("0b0b0000-0000-4000-8000-000000000041"),
            "platform-operator", "プラットフォーム 運用担当", "operator@platform.example");

    /**
     * The demo operator's authenticator-app secret (base32), published in the README so that a demo
     * code can be made (e.g. {@code oathtool --totp -b <secret>}); seeded only with the demo data.
     */
    public static final String OPERATOR_TOTP_SECRET = "DEMOOPERATORTOTPSECRETBTOBPLATFM";

    private static final UUID CONNECTION = UUID.fromString("0b0b0000-0000-4000-8000-000000000031");

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DemoProperties properties;

    private final DatabaseEndpoint database;

    private final DatabaseClient db;

    private final TransactionalOperator transaction;

    private final PasswordHasher hasher;

    private final FieldEncryption encryption;

    private final Clock clock;

    DemoData(DemoProperties properties, DatabaseEndpoint database, DatabaseClient db, TransactionalOperator transaction,
             PasswordHasher hasher, FieldEncryption encryption, Clock clock) {
        this.properties = properties;
        this.database = database;
        this.db = db;
        this.transaction = transaction;
        this.hasher = hasher;
        this.encryption = encryption;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean seed = switch (properties.seed()) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> database.embedded();
        };
        if (seed) {
            seed().block();
            // The password is in the README; logs never carry one, not even a published one.
            log.info("Demo data is in place: log in as buyer-admin, buyer-staff, seller-admin or seller-staff, "
                    + "or as the operator platform-operator at /api/v1/operator/auth/login, with the demo password "
                    + "and, for the operator, a code of the demo authenticator secret, both from the README");
        }
    }

    Mono<Void> seed() {
        Instant now = Times.now(clock);
        return hasher.hash(PASSWORD).flatMap(hash -> Flux.concat(
                        Flux.just(BUYER, SELLER).concatMap(company -> insertCompany(company, now)),
                        Flux.fromIterable(USERS).concatMap(user -> insertUser(user, hash, now)),
                        Flux.fromIterable(USERS).filter(user -> user.role() == BuiltInRole.COMPANY_ADMIN)
                                .concatMap(admin -> insertInvoicingSettings(admin, now)),
                        insertConnection(now),
                        insertOperator(OPERATOR, hash, now),
                        insertOperatorTotp(OPERATOR, now))
                .then()
                .as(transaction::transactional));
    }

    private Mono<Long> insertCompany(DemoCompany company, Instant now) {
        return db.sql("""
                        INSERT INTO company (id, code, name, name_kana, registration_number, address, created_at, updated_at)
                        VALUES (:id, :code, :name, :kana, :registration, :address, :now, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("id", company.id())
                .bind("code", company.code())
                .bind("name", company.name())
                .bind("kana", company.nameKana())
                .bind("registration", company.registrationNumber())
                .bind("address", company.address())
                .bind("now", now)
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertUser(DemoUser user, String hash, Instant now) {
        return db.sql("""
                        WITH u AS (
                            INSERT INTO app_user (id, company_id, login_id, display_name, email, status,
                                                  password_hash, password_changed_at, created_at, updated_at)
                            VALUES (:id, :company, :login, :name, :email, 'ACTIVE', :hash, :now, :now, :now)
                            ON CONFLICT DO NOTHING
                            RETURNING id)
                        INSERT INTO user_role (user_id, role_id) SELECT id, :role FROM u
                        """)
                .bind("id", user.id())
                .bind("company", user.company().id())
                .bind("login", user.loginId())
                .bind("name", user.displayName())
                .bind("email", user.email())
                .bind("role", user.role().id())
                .bind("hash", hash)
                .bind("now", now)
                .fetch().rowsUpdated();
    }

    /**
     * A registered corporation with the platform's default rounding and terms, saved by the company's
     * administrator: what lets the demo seller invoice an inspected order at once.
     */
    private Mono<Long> insertInvoicingSettings(DemoUser admin, Instant now) {
        return db.sql("""
                        INSERT INTO company_invoicing_settings (company_id, registration_number, issuer_kind, tax_rounding,
                                                                payment_terms_days, version, updated_at, updated_by)
                        VALUES (:company, :registration, 'corporation', 'floor', 30, 1, :now, :admin)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("company", admin.company().id())
                .bind("registration", admin.company().registrationNumber())
                .bind("now", now)
                .bind("admin", admin.id())
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertConnection(Instant now) {
        return db.sql("""
                        INSERT INTO partner_connection (id, inviter_id, invitee_id, status, message, invited_at, accepted_at, updated_at)
                        VALUES (:id, :buyer, :seller, 'ACTIVE', 'デモ取引先', :now, :now, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("id", CONNECTION)
                .bind("buyer", BUYER.id())
                .bind("seller", SELLER.id())
                .bind("now", now)
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertOperator(DemoOperator operator, String hash, Instant now) {
        return db.sql("""
                        INSERT INTO operator_account (id, login_id, display_name, email, status, password_hash,
                                                      password_changed_at, created_at, updated_at)
                        VALUES (:id, :login, :name, :email, 'ACTIVE', :hash, :now, :now, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("id", operator.id())
                .bind("login", operator.loginId())
                .bind("name", operator.displayName())
                .bind("email", operator.email())
                .bind("hash", hash)
                .bind("now", now)
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertOperatorTotp(DemoOperator operator, Instant now) {
        return encryption.encrypt(FieldEncryption.PLATFORM, OperatorMfaRepository.TOTP_SECRET.aad(operator.id()),
                        Base32.decode(OPERATOR_TOTP_SECRET))
                .flatMap(sealed -> db.sql("""
                                INSERT INTO operator_mfa (operator_id, totp_secret, totp_confirmed, updated_at)
                                VALUES (:id, :secret, true, :now)
                                ON CONFLICT DO NOTHING
                                """)
                        .bind("id", operator.id())
                        .bind("secret", sealed)
                        .bind("now", now)
                        .fetch().rowsUpdated());
    }

    public record DemoCompany(UUID id, String code, String name, String nameKana, String registrationNumber,
                              String address) {
    }

    public record DemoUser(UUID id, DemoCompany company, String loginId, String displayName, String email,
                           BuiltInRole role) {
    }

    public record DemoOperator(UUID id, String loginId, String displayName, String email) {
    }
}
