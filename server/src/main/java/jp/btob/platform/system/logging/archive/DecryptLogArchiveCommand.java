package jp.btob.platform.system.logging.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import jp.btob.platform.crypto.DerivedKeys;
import jp.btob.platform.crypto.KeyProperties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code decrypt-log-archive <file>}: writes the log lines of an archive to stdout, reading the
 * master keys from the settings the platform reads them from ({@code BTOB_MASTER_KEY} and
 * {@code BTOB_PREVIOUS_MASTER_KEYS}, {@code BTOB_KEYSTORE}, or the key generated in
 * {@code BTOB_DATA_DIR}). The whole archive is authenticated before its first line is written,
 * so a tampered, truncated or wrongly keyed archive writes nothing and exits non-zero.
 */
public final class DecryptLogArchiveCommand {

    public static final String NAME = "decrypt-log-archive";

    static final int OK = 0;

    static final int REFUSED = 1;

    static final int USAGE = 2;

    private DecryptLogArchiveCommand() {
    }

    /** From {@code main}: logs go to stderr, so that stdout carries the archive's lines and nothing else. */
    public static void main(String[] args) {
        logToStandardError();
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command; {@code --name=value} arguments set properties as they do for the platform.
     *
     * @return 0 when the lines were written, 1 when the archive was refused, 2 for a usage or settings error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> operands = Arrays.stream(args).skip(1).filter(arg -> !arg.startsWith("--")).toList();
        if (args.length == 0 || !NAME.equals(args[0]) || operands.size() != 1) {
            err.println("Usage: java -jar btob-server.jar " + NAME + " <archive.gz.enc> [--btob.data-dir=<dir>]");
            return USAGE;
        }
        Path file = Path.of(operands.get(0));
        if (!Files.isRegularFile(file)) {
            err.println(NAME + ": " + file + " is not a file");
            return USAGE;
        }
        ArchiveCipher cipher;
        try {
            cipher = new ArchiveCipher(keys(Arrays.stream(args).skip(1).filter(arg -> arg.startsWith("--"))
                    .toArray(String[]::new)));
        }
        catch (RuntimeException ex) {
            err.println(NAME + ": the key settings cannot be read: " + rootMessage(ex));
            return USAGE;
        }
        try {
            copy(cipher, file, OutputStream.nullOutputStream());
        }
        catch (IOException ex) {
            err.println(NAME + ": refused " + file + ": " + ex.getMessage() + ". Nothing was written.");
            return REFUSED;
        }
        try {
            copy(cipher, file, out);
            out.flush();
            return OK;
        }
        catch (IOException ex) {
            err.println(NAME + ": " + file + " changed while it was being written out: " + ex.getMessage());
            return REFUSED;
        }
    }

    private static void copy(ArchiveCipher cipher, Path file, OutputStream out) throws IOException {
        try (InputStream in = cipher.open(new BufferedInputStream(Files.newInputStream(file)))) {
            in.transferTo(out);
        }
    }

    /** The platform's key settings: command-line properties, then the environment and application.yml. */
    private static DerivedKeys keys(String[] options) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(options));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        Binder binder = Binder.get(environment);
        KeyProperties keys = binder.bindOrCreate("btob.keys", KeyProperties.class);
        Path dataDir = binder.bind("btob.data-dir", Path.class)
                .orElseThrow(() -> new IllegalArgumentException("btob.data-dir (BTOB_DATA_DIR) is not set"));
        return DerivedKeys.fromSettings(keys, dataDir);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static void logToStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(Level.WARN);
    }
}
