package jp.btob.platform.crypto;

import java.time.Clock;

import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.system.PlatformProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The key hierarchy, assembled at start-up: master keys read, random generator seeded. */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    @Bean
    MasterKeys masterKeys(KeyProperties properties, PlatformProperties platform) {
        return MasterKeySource.load(properties, platform.dataDir());
    }

    @Bean
    DerivedKeys derivedKeys(MasterKeys masters) {
        return new DerivedKeys(masters);
    }

    @Bean
    AesGcm aesGcm() {
        return AesGcm.seeded();
    }

    @Bean
    DataKeys dataKeys(DataKeyRepository repository, MasterKeys masters, AesGcm gcm, KeyProperties properties,
                      Clock clock) {
        return new DataKeys(repository, masters, gcm, properties.cacheSize(), clock);
    }

    @Bean
    FieldEncryption fieldEncryption(DataKeys keys, AesGcm gcm) {
        return new FieldEncryption(keys, gcm);
    }

    @Bean
    KeyRotation keyRotation(DataKeys keys, FieldEncryption encryption, ReencryptionRepository values, AuditLog audit,
                            TransactionalOperator tx) {
        return new KeyRotation(keys, encryption, values, audit, tx);
    }
}
