package jp.btob.platform.system.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Puts Spring Boot's console and file appenders each behind an {@link AsyncAppender}, right
 * after the logging system has been set up. Writing to stdout or to a file is blocking I/O, and
 * the access log and the failure log are written on event-loop threads; they now only hand the
 * event to a queue. When a queue is full, events are dropped rather than making a request wait.
 */
public class AsyncAppendersListener implements SmartApplicationListener {

    static final String CONSOLE = "CONSOLE";

    static final String ASYNC_CONSOLE = "ASYNC_CONSOLE";

    static final String FILE = "FILE";

    static final String ASYNC_FILE = "ASYNC_FILE";

    static final int QUEUE_SIZE = 8192;

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        wrap(context, root, CONSOLE, ASYNC_CONSOLE);
        wrap(context, root, FILE, ASYNC_FILE);
    }

    private static void wrap(LoggerContext context, Logger root, String name, String asyncName) {
        Appender<ILoggingEvent> appender = root.getAppender(name);
        // Absent when file logging is off, when a custom Logback file names it otherwise, or
        // when a second application context of the same JVM finds it already wrapped.
        if (appender == null) {
            return;
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(asyncName);
        async.setQueueSize(QUEUE_SIZE);
        // Access lines are INFO; the default would drop them first whenever the queue fills up.
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(appender);
        async.start();
        root.addAppender(async);
        root.detachAppender(appender);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
