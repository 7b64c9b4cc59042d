package jp.btob.platform.system;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
        List<Class<?>> models = models();
        for (Class<?> type : models) {
            json.readerFor(type);
            json.writerFor(type);
        }
        log.debug("Prepared the JSON readers and writers of {} API models", models.size());
    }

    /** Every generated API model class. */
    static List<Class<?>> models() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        List<Class<?>> models = scanner.findCandidateComponents(MODELS).stream()
                .<Class<?>>map(model -> ClassUtils.resolveClassName(model.getBeanClassName(), JsonWarmUp.class.getClassLoader()))
                .toList();
        if (models.isEmpty()) {
            throw new IllegalStateException("No API model classes found in " + MODELS);
        }
        return models;
    }
}
