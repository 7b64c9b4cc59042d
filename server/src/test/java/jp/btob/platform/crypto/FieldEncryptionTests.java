package jp.btob.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field encryption under per-company data keys wrapped by a master key, on real PostgreSQL:
 * what a stored value resists, and rotation of both key levels while reads go on.
 */
class FieldEncryptionTests extends IntegrationTest {

    /** A demonstration column created by these tests; no business table is encrypted yet. */
    private static final EncryptedColumn SECRET = new EncryptedColumn("encrypted_value", "id", "company_id", "secret");

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private FieldEncryption encryption;

    @Autowired
    private KeyRotation rotation;

    @Autowired
    private DataKeys dataKeys;

    @Autowired
    private DataKeyRepository repository;

    @Autowired
    private ReencryptionRepository values;

    @Autowired
    private MasterKeys masterKeys;

    @Autowired
    private AesGcm gcm;

    @Autowired
    private AuditLog audit;

    @Autowired
    private TransactionalOperator tx;

    @Autowired
    private DatabaseClient db;

    @BeforeEach
    void demonstrationTable() {
        db.sql("CREATE TABLE IF NOT EXISTS encrypted_value (id uuid PRIMARY KEY, company_id uuid NOT NULL, secret bytea)")
                .fetch().rowsUpdated().block(WAIT);
    }

    @Test
    @DisplayName("[SEC-ENC] a value encrypts and decrypts back: empty, Japanese text, and 1 MiB (off the event loop)")
    void encryptThenDecryptRoundTrip() {
        UUID company = company();
        byte[] large = new byte[1024 * 1024];
        ThreadLocalRandom.current().nextBytes(large);
        for (byte[] plain : List.of(new byte[0], "みずほ銀行 普通 1234567".getBytes(StandardCharsets.UTF_8), large)) {
            String aad = SECRET.aad(UUID.randomUUID());
            byte[] stored = encryption.encrypt(company, aad, plain).block(WAIT);
            assertThat(stored).hasSize(Ciphertext.MIN_BYTES + plain.length);
            assertThat(encryption.decrypt(company, aad, stored).block(WAIT)).isEqualTo(plain);
        }
    }

    @Test
    @DisplayName("[SEC-ENC] the data key is stored only wrapped: not the raw key, and a wrong master key cannot unwrap it")
    void dataKeyThenStoredWrappedAndWrongMasterKeyFails() {
        UUID company = company();
        String aad = SECRET.aad(UUID.randomUUID());
        byte[] stored = encryption.encrypt(company, aad, bytes("秘密")).block(WAIT);
        DataKey key = dataKeys.active(company).block(WAIT);
        DataKeyRow row = repository.findActive(company).block(WAIT);

        assertThat(row.masterKeyId()).isEqualTo(masterKeys.current().id());
        assertThat(row.wrappedKey()).hasSize(60);
        assertThat(Collections.indexOfSubList(boxed(row.wrappedKey()), boxed(key.key().getEncoded()))).isEqualTo(-1);

        MasterKey impostor = MasterKey.of(masterKeys.current().id(), gcm.randomBytes(32));
        FieldEncryption wrongMaster = new FieldEncryption(uncached(MasterKeys.of(List.of(impostor))), gcm);
        assertThatThrownBy(() -> wrongMaster.decrypt(company, aad, stored).block(WAIT))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("does not unwrap");

        FieldEncryption missingMaster = new FieldEncryption(uncached(MasterKeys.of(List.of(MasterKey.of("other", gcm.randomBytes(32))))), gcm);
        assertThatThrownBy(() -> missingMaster.decrypt(company, aad, stored).block(WAIT))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("not configured");
    }

    @Test
    @DisplayName("[SEC-ENC] a value moved to another row or column does not decrypt, with a clear exception")
    void decryptWhenMovedThenRefused() {
        UUID company = company();
        UUID row = UUID.randomUUID();
        byte[] stored = encryption.encrypt(company, SECRET.aad(row), bytes("1234567")).block(WAIT);

        assertThatThrownBy(() -> encryption.decrypt(company, SECRET.aad(UUID.randomUUID()), stored).block(WAIT))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("moved from another record");
        assertThatThrownBy(() -> encryption.decrypt(company, "encrypted_value:other:" + row, stored).block(WAIT))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("moved from another record");
    }

    @Test
    @DisplayName("[SEC-ENC] a flipped bit anywhere in a stored value fails to decrypt")
    void decryptWhenAnyBitFlippedThenRefused() {
        UUID company = company();
        String aad = SECRET.aad(UUID.randomUUID());
        byte[] stored = encryption.encrypt(company, aad, bytes("口座")).block(WAIT);
        for (int i = 0; i < stored.length; i++) {
            byte[] tampered = stored.clone();
            tampered[i] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> encryption.decrypt(company, aad, tampered).block(WAIT))
                    .as("byte %d", i).isInstanceOf(DecryptionException.class);
        }
    }

    @Test
    @DisplayName("[SEC-ENC] two encryptions of the same value differ (fresh nonce) and both decrypt")
    void encryptTwiceThenDifferent() {
        UUID company = company();
        String aad = SECRET.aad(UUID.randomUUID());
        byte[] first = encryption.encrypt(company, aad, bytes("same")).block(WAIT);
        byte[] second = encryption.encrypt(company, aad, bytes("same")).block(WAIT);
        assertThat(first).isNotEqualTo(second);
        assertThat(encryption.decrypt(company, aad, second).block(WAIT)).isEqualTo(bytes("same"));
    }

    @Test
    @DisplayName("[SEC-ENC] one company's value does not decrypt as another company's, even at the same place")
    void decryptWhenOtherCompanyThenRefused() {
        UUID a = company();
        UUID b = company();
        String aad = SECRET.aad(UUID.randomUUID());
        byte[] stored = encryption.encrypt(a, aad, bytes("A社の秘密")).block(WAIT);
        encryption.encrypt(b, aad, bytes("B")).block(WAIT);

        assertThatThrownBy(() -> encryption.decrypt(b, aad, stored).block(WAIT))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("another company");
    }

    @Test
    @DisplayName("[SEC-ENC] 20 concurrent first uses make exactly one data key for the company")
    void activeWhenConcurrentFirstUseThenOneKey() {
        UUID company = company();
        List<UUID> keyIds = Flux.range(0, 20)
                .flatMap(i -> encryption.encrypt(company, SECRET.aad(UUID.randomUUID()), bytes("v" + i)))
                .map(Ciphertext::dataKeyId)
                .distinct()
                .collectList().block(WAIT);
        assertThat(keyIds).hasSize(1);
        assertThat(count("SELECT count(*) AS n FROM data_key WHERE company_id = '" + company + "'")).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-ENC] master-key rotation re-wraps every data key while 200+ reads run on 8 threads: no read fails, all keys end under the new master key, audited")
    void rotateMasterKeyWhileReadingThenNoReadFails() throws Exception {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            stored.addAll(storeValues(company(), 2));
        }
        MasterKeys before = masterKeys;
        MasterKey next = MasterKey.of("test-next-" + UUID.randomUUID().toString().substring(0, 8), gcm.randomBytes(32));
        MasterKeys during = before.rotatedTo(next);
        // Readers that keep no key in memory: every read unwraps the key as stored at that moment.
        FieldEncryption readers = new FieldEncryption(uncached(during), gcm);
        KeyRotation rotating = rotation(uncached(during));
        long wrappedBefore = count("SELECT count(*) AS n FROM data_key");
        try {
            ReadLoad load = ReadLoad.start(readers, stored, 200);
            long rewrapped = rotating.rotateMasterKey().block(WAIT);
            load.finish();

            assertThat(load.failures).isEmpty();
            assertThat(load.reads.get()).isGreaterThanOrEqualTo(200);
            assertThat(rewrapped).isEqualTo(wrappedBefore);
            assertThat(count("SELECT count(*) AS n FROM data_key WHERE master_key_id <> '" + next.id() + "'")).isZero();
            assertThat(count("SELECT count(*) AS n FROM audit_event WHERE action = 'key.master-rotate' AND company_id IS NULL"
                    + " AND actor_type = 'SYSTEM' AND details ->> 'masterKey' = '" + next.id() + "'")).isEqualTo(1);
            assertThat(count("SELECT count(*) AS n FROM audit_event WHERE action = 'key.rewrap' AND company_id = '"
                    + stored.get(0).company() + "' AND details ->> 'toMasterKey' = '" + next.id() + "'")).isEqualTo(1);
            // Once re-wrapped, the new master key alone reads everything.
            FieldEncryption newOnly = new FieldEncryption(uncached(MasterKeys.of(List.of(next))), gcm);
            for (Stored value : stored) {
                assertThat(newOnly.decrypt(value.company(), SECRET.aad(value.row()), value.ciphertext()).block(WAIT))
                        .isEqualTo(value.plain());
            }
        }
        finally {
            // Back under the platform's own master key, for the tests that share this database.
            rotation(uncached(during.rotatedTo(before.current()))).rotateMasterKey().block(WAIT);
        }
        assertThat(count("SELECT count(*) AS n FROM data_key WHERE master_key_id <> '" + before.current().id() + "'")).isZero();
    }

    @Test
    @DisplayName("[SEC-ENC] data-key rotation: new writes under the new key, every value re-encrypted while reads run, old key RETIRED, audited")
    void rotateDataKeyWhileReadingThenAllValuesUnderNewKey() throws Exception {
        UUID company = company();
        List<Stored> stored = storeValues(company, 150);
        UUID oldKey = Ciphertext.dataKeyId(stored.get(0).ciphertext());

        ReadLoad load = ReadLoad.startFromTable(db, encryption, stored, 200);
        UUID newKey = rotation.rotateDataKey(company).block(WAIT);
        byte[] written = encryption.encrypt(company, SECRET.aad(UUID.randomUUID()), bytes("new")).block(WAIT);
        long reencrypted = rotation.reencrypt(company, SECRET).block(WAIT);
        load.finish();

        assertThat(load.failures).isEmpty();
        assertThat(load.reads.get()).isGreaterThanOrEqualTo(200);
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(Ciphertext.dataKeyId(written)).isEqualTo(newKey);
        assertThat(reencrypted).isEqualTo(150);
        List<byte[]> now = db.sql("SELECT secret FROM encrypted_value WHERE company_id = :c").bind("c", company)
                .map(row -> row.get("secret", byte[].class)).all().collectList().block(WAIT);
        assertThat(now).hasSize(150).allSatisfy(value -> assertThat(Ciphertext.dataKeyId(value)).isEqualTo(newKey));
        for (Stored value : stored) {
            byte[] current = db.sql("SELECT secret FROM encrypted_value WHERE id = :id").bind("id", value.row())
                    .map(row -> row.get("secret", byte[].class)).one().block(WAIT);
            assertThat(encryption.decrypt(company, SECRET.aad(value.row()), current).block(WAIT)).isEqualTo(value.plain());
        }
        assertThat(repository.find(company, oldKey).block(WAIT).state()).isEqualTo(DataKeyState.RETIRED);
        assertThat(repository.find(company, newKey).block(WAIT).state()).isEqualTo(DataKeyState.ACTIVE);
        assertThat(count("SELECT count(*) AS n FROM audit_event WHERE company_id = '" + company
                + "' AND actor_type = 'SYSTEM' AND action IN ('key.data-rotate', 'key.reencrypt') AND target_id = '" + newKey + "'"))
                .isEqualTo(2);
        // A second sweep finds nothing left to do.
        assertThat(rotation.reencrypt(company, SECRET).block(WAIT)).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private record Stored(UUID company, UUID row, byte[] plain, byte[] ciphertext) {
    }

    /** Reads on plain threads, each read blocking, until finished and at least a minimum done. */
    private static final class ReadLoad {

        final AtomicInteger reads = new AtomicInteger();

        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        private final AtomicBoolean stop = new AtomicBoolean();

        private final ExecutorService threads = Executors.newFixedThreadPool(8);

        private final List<Future<?>> running = new ArrayList<>();

        private final CountDownLatch started = new CountDownLatch(8);

        static ReadLoad start(FieldEncryption readers, List<Stored> stored, int minimum) throws InterruptedException {
            return new ReadLoad().run(minimum, stored, value -> readers
                    .decrypt(value.company(), SECRET.aad(value.row()), value.ciphertext()).block(WAIT));
        }

        /** Reads each value as it is in the table at that moment, before or after its re-encryption. */
        static ReadLoad startFromTable(DatabaseClient db, FieldEncryption readers, List<Stored> stored, int minimum)
                throws InterruptedException {
            return new ReadLoad().run(minimum, stored, value -> {
                byte[] current = db.sql("SELECT secret FROM encrypted_value WHERE id = :id").bind("id", value.row())
                        .map(row -> row.get("secret", byte[].class)).one().block(WAIT);
                return readers.decrypt(value.company(), SECRET.aad(value.row()), current).block(WAIT);
            });
        }

        private ReadLoad run(int minimum, List<Stored> stored, java.util.function.Function<Stored, byte[]> read)
                throws InterruptedException {
            for (int t = 0; t < 8; t++) {
                running.add(threads.submit(() -> {
                    started.countDown();
                    while (!stop.get() || reads.get() < minimum) {
                        Stored value = stored.get(ThreadLocalRandom.current().nextInt(stored.size()));
                        try {
                            byte[] plain = read.apply(value);
                            if (!java.util.Arrays.equals(plain, value.plain())) {
                                failures.add(new AssertionError("Wrong plaintext for row " + value.row()));
                            }
                        }
                        catch (RuntimeException ex) {
                            failures.add(ex);
                        }
                        reads.incrementAndGet();
                    }
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            return this;
        }

        void finish() throws Exception {
            stop.set(true);
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
    }

    private List<Stored> storeValues(UUID company, int n) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID row = UUID.randomUUID();
            byte[] plain = bytes("口座 " + company + " " + i);
            byte[] ciphertext = encryption.encrypt(company, SECRET.aad(row), plain).block(WAIT);
            db.sql("INSERT INTO encrypted_value (id, company_id, secret) VALUES (:id, :c, :s)")
                    .bind("id", row).bind("c", company).bind("s", ciphertext).fetch().rowsUpdated().block(WAIT);
            stored.add(new Stored(company, row, plain, ciphertext));
        }
        return stored;
    }

    private DataKeys uncached(MasterKeys masters) {
        return new DataKeys(repository, masters, gcm, 0, clock);
    }

    private KeyRotation rotation(DataKeys keys) {
        return new KeyRotation(keys, new FieldEncryption(keys, gcm), values, audit, tx);
    }

    private UUID company() {
        return fixtures.company("株式会社暗号テスト").id();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(WAIT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }
}
