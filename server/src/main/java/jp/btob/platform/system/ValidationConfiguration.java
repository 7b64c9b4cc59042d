package jp.btob.platform.system;

import jakarta.validation.Validator;
import jp.btob.platform.api.model.LoginRequest;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation reads its message bundles from the jar at the first failed validation; that
 * first failure happens here, at start-up, instead of on the event loop of a request.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    @Bean
    SmartInitializingSingleton validationMessagesWarmUp(Validator validator) {
        return () -> {
            if (validator.validate(new LoginRequest()).isEmpty()) {
                throw new IllegalStateException("Bean Validation does not check the generated models");
            }
        };
    }
}
