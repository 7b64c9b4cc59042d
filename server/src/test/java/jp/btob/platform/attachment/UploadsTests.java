package jp.btob.platform.attachment;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** File names made safe, and media types told by a file's own bytes. */
class UploadsTests {

    @Test
    @DisplayName("[SEC-AV] a name keeps its last segment only, without control or formatting characters or leading dots, at most 255 characters, never empty")
    void namesWhenUnsafeThenSafe() {
        assertThat(Uploads.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Uploads.safeName("..\\..\\Windows\\system.ini")).isEqualTo("system.ini");
        assertThat(Uploads.safeName("請求書\u0000\r\n.pdf")).isEqualTo("請求書.pdf");
        assertThat(Uploads.safeName("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(Uploads.safeName(".htaccess")).isEqualTo("htaccess");
        assertThat(Uploads.safeName("../")).isEqualTo("attachment");
        assertThat(Uploads.safeName("😀".repeat(300))).hasSize(2 * 127).doesNotEndWith("\uD83D");
        assertThat(Uploads.safeName("a".repeat(300))).hasSize(255);
    }

    @Test
    @DisplayName("[SEC-AV] the name comes from the parameter first, else from Content-Disposition (RFC 5987 filename* or filename)")
    void namesWhenGivenThenFound() {
        assertThat(Uploads.givenName("a.txt", "attachment; filename=\"b.txt\"")).isEqualTo("a.txt");
        assertThat(Uploads.givenName(null, "attachment; filename*=UTF-8''%E8%A6%8B%E7%A9%8D.pdf")).isEqualTo("見積.pdf");
        assertThat(Uploads.givenName(null, "attachment; filename=\"b.txt\"")).isEqualTo("b.txt");
        assertThat(Uploads.givenName(null, "attachment")).isNull();
        assertThat(Uploads.givenName(null, null)).isNull();
    }

    @Test
    @DisplayName("[SEC-AV] PDF, PNG and JPEG are told by their first bytes; anything else, HTML included, is octet-stream")
    void mediaTypesWhenSniffedThenFromBytes() {
        assertThat(Uploads.mediaType("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/pdf");
        assertThat(Uploads.mediaType(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})).isEqualTo("image/png");
        assertThat(Uploads.mediaType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).isEqualTo("image/jpeg");
        assertThat(Uploads.mediaType("<html><script>".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/octet-stream");
        assertThat(Uploads.mediaType(new byte[0])).isEqualTo("application/octet-stream");
    }
}
