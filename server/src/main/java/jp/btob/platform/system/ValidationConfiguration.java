package jp.btob.platform.system;

import java.util.Locale;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validator;
import jp.btob.platform.api.model.LoginRequest;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bean Validation reads its message bundles from the jar at the first failed validation of each
 * locale. Problems are written in English whatever the client's Accept-Language, so messages are
 * interpolated in English only, and that one bundle is read at start-up instead of on the event
 * loop of a request. It also builds each class's constraint metadata at its first validation,
 * under a lock that two first requests at once would make an event-loop thread wait on; so the
 * metadata of every API model and every controller is built at start-up too.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    @Bean
    ValidationConfigurationCustomizer englishMessages() {
        return configuration -> configuration.messageInterpolator(
                new EnglishMessages(configuration.getDefaultMessageInterpolator()));
    }

    @Bean
    SmartInitializingSingleton validationWarmUp(Validator validator, ApplicationContext context) {
        return () -> {
            if (validator.validate(new LoginRequest()).isEmpty()) {
                throw new IllegalStateException("Bean Validation does not check the generated models");
            }
            JsonWarmUp.models().forEach(validator::getConstraintsForClass);
            context.getBeansWithAnnotation(RestController.class).values()
                    .forEach(controller -> validator.getConstraintsForClass(AopUtils.getTargetClass(controller)));
        };
    }

    /** Interpolates every message in English, whichever locale the request asked for. */
    private record EnglishMessages(MessageInterpolator delegate) implements MessageInterpolator {

        @Override
        public String interpolate(String template, Context context) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return delegate.interpolate(template, context, Locale.ENGLISH);
        }
    }
}
