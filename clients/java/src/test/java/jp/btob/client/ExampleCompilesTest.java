package jp.btob.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples are their own Maven projects, outside the build: compiling them here keeps them in step with the SDK. */
class ExampleCompilesTest {

    @Test
    @DisplayName("[PLT-SDK] the erp-sync example compiles against this SDK")
    void erpSyncCompiles(@TempDir Path out) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("examples/erp-sync/src/main/java"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertThat(sources).isNotEmpty();
        // Surefire passes the test class path in a manifest-only jar; javac follows its Class-Path.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-Xlint:all,-path,-processing", "-Werror",
                "-d", out.toString(), "-classpath", classPath));
        arguments.addAll(sources);
        int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));

        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.resolve("jp/btob/examples/erpsync/ErpSync.class")).exists();
    }
}
