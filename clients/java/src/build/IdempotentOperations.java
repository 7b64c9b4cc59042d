import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the operations whose spec declares the {@code Idempotency-Key} header, one
 * {@code METHOD /path/{template}} a line, read from the generated APIs at build time, so that the
 * client sends a key exactly where the specs accept one and no list is kept by hand.
 *
 * <p>Run by the build with the JDK's source launcher: {@code java IdempotentOperations.java <api dir> <out file>}.
 */
public final class IdempotentOperations {

    /** Each operation's request is built in its own {@code …RequestCreation} method. */
    private static final Pattern REQUEST_CREATION = Pattern.compile("private ResponseSpec \\w+RequestCreation\\(");
    private static final Pattern INVOKE = Pattern.compile("apiClient\\.invokeAPI\\(\"([^\"]+)\", HttpMethod\\.(\\w+),");
    private static final String KEY_HEADER = "headerParams.add(\"Idempotency-Key\"";

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: IdempotentOperations <generated api dir> <output file>");
        }
        TreeSet<String> operations = new TreeSet<>();
        List<Path> apis;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            apis = files.filter(file -> file.toString().endsWith("Api.java")).toList();
        }
        for (Path api : apis) {
            String source = Files.readString(api, StandardCharsets.UTF_8);
            String[] methods = REQUEST_CREATION.split(source);
            for (int i = 1; i < methods.length; i++) {
                Matcher invoke = INVOKE.matcher(methods[i]);
                if (!invoke.find()) {
                    throw new IllegalStateException("No invokeAPI call in an operation of " + api);
                }
                if (methods[i].substring(0, invoke.start()).contains(KEY_HEADER)) {
                    operations.add(invoke.group(2) + " " + invoke.group(1));
                }
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("No operation in " + args[0] + " takes an Idempotency-Key: has the generated code changed shape?");
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        Files.write(out, operations, StandardCharsets.UTF_8);
        System.out.println("IdempotentOperations: " + operations.size() + " operations take an Idempotency-Key");
    }
}
