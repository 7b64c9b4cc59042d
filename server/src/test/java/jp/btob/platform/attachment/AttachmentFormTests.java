package jp.btob.platform.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jp.btob.platform.support.Clamd;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.attachment.AttachmentTests.concat;
import static jp.btob.platform.attachment.AttachmentTests.indexOf;
import static jp.btob.platform.attachment.AttachmentTests.pdf;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload as a browser's form sends it ({@code multipart/form-data}): one part, {@code file},
 * streamed through the firewall and the platform without touching the disk, under the same size
 * limit, scan and encryption as a file sent as the body itself.
 */
class AttachmentFormTests extends TradeTest {

    private static final String UPLOAD = "/api/v1/documents/{type}/{id}/attachments";

    private static final String BOUNDARY = "btob-form-boundary";

    private static final MediaType FORM = MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY);

    private final Sql sql = new Sql(DATABASE);

    @BeforeEach
    void scannerUp() {
        Clamd.start();
    }

    @Test
    @DisplayName("[SEC-AV] [SEC-ENC] a 3 MB PDF sent as the form's file part passes the firewall unbuffered, is kept under the part's file name, encrypted at rest and served back byte for byte; no temporary file is written on the way")
    void formWhenUploadedThenStreamedKeptAndServedBack() {
        Trade trade = trade("様式添付");
        Object quote = sentQuote(trade);
        byte[] file = pdf(3 * 1024 * 1024);
        Set<Path> before = temporaryFiles();

        Map<String, Object> attachment = form(trade.asBuyer(), quote, List.of(new FormPart("file", file, "図面.pdf")))
                .expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(attachment).containsEntry("filename", "図面.pdf").containsEntry("mediaType", "application/pdf")
                .containsEntry("size", file.length).containsEntry("status", "available");
        assertThat(trade.asSeller().mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(file.length * 2)).build()
                .get().uri("/api/v1/attachments/{id}/content", attachment.get("id")).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(file);
        byte[] stored = (byte[]) sql.rows("SELECT content FROM attachment WHERE id = ?::uuid", attachment.get("id")).get(0).get("content");
        assertThat(indexOf(stored, java.util.Arrays.copyOf(file, 64))).as("no plaintext at rest").isNegative();
        byte[] marker = java.util.Arrays.copyOfRange(file, 1000, 1064);
        assertThat(temporaryFiles()).filteredOn(path -> !before.contains(path))
                .allSatisfy(path -> assertThat(path.getFileName().toString()).doesNotStartWith("spring-multipart"))
                .filteredOn(Files::isRegularFile)
                .allSatisfy(path -> assertThat(indexOf(read(path), marker)).as("the file's bytes in " + path).isNegative());
    }

    @Test
    @DisplayName("[SEC-AV] a form with no file part, with two, or with any other field answers 400 naming it, even an XSS payload in that field, and nothing is kept")
    void formWhenNotExactlyOneFileThenBadRequestNamingIt() {
        Trade trade = trade("様式不正");
        Object quote = sentQuote(trade);
        byte[] text = "明細".getBytes(StandardCharsets.UTF_8);

        WebTestClient.BodyContentSpec none = form(trade.asBuyer(), quote, List.of(new FormPart("note", text, null)))
                .expectStatus().isBadRequest().expectBody();
        assertProblem(none, "/problems/validation", 400);
        none.jsonPath("$.errors[0].field").isEqualTo("note");
        WebTestClient.BodyContentSpec empty = trade.asBuyer().post().uri(UPLOAD, "quote", quote)
                .contentType(FORM).bodyValue(multipart(List.of())).exchange().expectStatus().isBadRequest().expectBody();
        assertProblem(empty, "/problems/validation", 400);
        empty.jsonPath("$.errors[0].field").isEqualTo("file");
        WebTestClient.BodyContentSpec twice = form(trade.asBuyer(), quote, List.of(new FormPart("file", text, "a.txt"),
                new FormPart("file", text, "b.txt"))).expectStatus().isBadRequest().expectBody();
        assertProblem(twice, "/problems/validation", 400);
        twice.jsonPath("$.errors[0].field").isEqualTo("file");
        WebTestClient.BodyContentSpec commented = form(trade.asBuyer(), quote, List.of(new FormPart("file", text, "a.txt"),
                new FormPart("comment", "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8), null)))
                .expectStatus().isBadRequest().expectBody();
        assertProblem(commented, "/problems/validation", 400);
        commented.jsonPath("$.errors[0].field").isEqualTo("comment");

        assertThat(sql.count("SELECT count(*) FROM attachment WHERE document_id = ?::uuid", quote)).isZero();
    }

    @Test
    @DisplayName("[SEC-AV] a form's file counts against the company's limit as it streams: exactly the limit is kept, one byte more is 413; EICAR in a form is refused 422 and quarantined")
    void formWhenOverLimitOrInfectedThenRefused() {
        Trade trade = trade("様式上限");
        Object quote = sentQuote(trade);
        trade.asBuyer().put().uri("/api/v1/attachments/settings").header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxSize", 4096)).exchange().expectStatus().isOk();

        form(trade.asBuyer(), quote, List.of(new FormPart("file", new byte[4096], "exact.bin"))).expectStatus().isCreated();
        assertProblem(form(trade.asBuyer(), quote, List.of(new FormPart("file", new byte[4097], "over.bin")))
                .expectStatus().isEqualTo(413).expectBody(), "/problems/payload-too-large", 413);
        assertProblem(form(trade.asBuyer(), quote, List.of(new FormPart("file", concat("控え\n".getBytes(StandardCharsets.UTF_8), Clamd.eicar()),
                "eicar.txt"))).expectStatus().isEqualTo(422).expectBody(), "/problems/malware-detected", 422);

        assertThat(sql.rows("SELECT filename, status FROM attachment WHERE document_id = ?::uuid ORDER BY filename", quote))
                .extracting(row -> row.get("filename") + " " + row.get("status"))
                .containsExactly("eicar.txt QUARANTINED", "exact.bin AVAILABLE");
    }

    @Test
    @DisplayName("[SEC-WAF] [SEC-AV] only the upload takes a form unread: a 2 MB form to any other operation is still read whole by the firewall and refused 413 at its body limit")
    void formToAnotherOperationWhenOverTheFirewallLimitThenRefused() {
        byte[] big = multipart(List.of(new FormPart("file", new byte[2 * 1024 * 1024], "big.bin")));

        assertProblem(client().post().uri("/api/v1/auth/login").contentType(FORM).bodyValue(big)
                .exchange().expectStatus().isEqualTo(413).expectBody(), "/problems/payload-too-large", 413);
    }

    private Object sentQuote(Trade trade) {
        return done(trade.asSeller(), draft(trade, "様式の見積"), "send", null).get("id");
    }

    /** A part of a form: its name, bytes and file name (none for a plain field). */
    private record FormPart(String name, byte[] content, String filename) {
    }

    private static WebTestClient.ResponseSpec form(WebTestClient client, Object quote, List<FormPart> parts) {
        return client.post().uri(UPLOAD, "quote", quote).contentType(FORM).bodyValue(multipart(parts)).exchange();
    }

    /** The form as bytes, with a fixed boundary: the client's writer draws one from SecureRandom on its event loop. */
    private static byte[] multipart(List<FormPart> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (FormPart part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"")
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static Set<Path> temporaryFiles() {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.collect(Collectors.toSet());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.isReadable(path) && Files.size(path) < 64L * 1024 * 1024 ? Files.readAllBytes(path) : new byte[0];
        }
        catch (IOException gone) {
            return new byte[0];
        }
    }
}
