package jp.btob.platform.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson builds the reader of each body type the first time one arrives, under a lock: two first
 * requests at once would make an event-loop thread wait on it. Every generated API model's reader
 * and writer is built here, at start-up, so requests only ever find them in the cache.
 */
@Component
class JsonWarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(JsonWarmUp.class);

    static final String MODELS = "jp.btob.platform.api.model";

    private final JsonMapper json;

    JsonWarmUp(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        int warmed = 0;
        for (BeanDefinition model : scanner.findCandidateComponents(MODELS)) {
            Class<?> type = ClassUtils.resolveClassName(model.getBeanClassName(), getClass().getClassLoader());
            json.readerFor(type);
            json.writerFor(type);
            warmed++;
        }
        if (warmed == 0) {
            throw new IllegalStateException("No API model classes found in " + MODELS);
        }
        log.debug("Prepared the JSON readers and writers of {} API models", warmed);
    }
}
