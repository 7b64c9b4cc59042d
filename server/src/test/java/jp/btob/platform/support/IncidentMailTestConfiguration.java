package jp.btob.platform.support;

import jp.btob.platform.incident.IncidentMailer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts a recorder in front of the platform's incident mailer, which still runs behind it. */
@TestConfiguration(proxyBeanMethods = false)
public class IncidentMailTestConfiguration {

    @Bean
    @Primary
    RecordingIncidentMailer recordingIncidentMailer(@Qualifier("outboxIncidentMailer") IncidentMailer platformMailer) {
        return new RecordingIncidentMailer(platformMailer);
    }
}
