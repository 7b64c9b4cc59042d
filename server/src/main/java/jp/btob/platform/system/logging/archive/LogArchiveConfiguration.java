package jp.btob.platform.system.logging.archive;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.crypto.DerivedKeys;
import jp.btob.platform.system.logging.LoggingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The archive job over {@code btob.log.dir}, with the platform's master keys and its one clock. */
@Configuration(proxyBeanMethods = false)
class LogArchiveConfiguration {

    @Bean
    ArchiveCipher logArchiveCipher(DerivedKeys keys) {
        return new ArchiveCipher(keys);
    }

    @Bean
    LogArchiver logArchiver(LoggingProperties properties, ArchiveCipher cipher, Clock clock, MeterRegistry registry) {
        return new LogArchiver(properties.dir(), properties.retention(), cipher, clock, registry);
    }

    @Bean
    LogArchiveSchedule logArchiveSchedule(LogArchiver archiver, LoggingProperties properties) {
        return new LogArchiveSchedule(archiver, properties.archiveInterval());
    }
}
