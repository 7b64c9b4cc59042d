package jp.btob.platform.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signatures' gates against the signatures themselves: a gate lets a value skip a regular
 * expression only when that expression could not have matched it, so the scan with gates finds
 * exactly what the scan of every signature finds, on the corpora and on texts built to straddle
 * the gates.
 */
class DetectorsTests {

    @Test
    @DisplayName("[SEC-WAF] with the gates the scan finds exactly what every signature run on every value finds: the same rule and the same text, for every attack payload and every legitimate text, each decoded as a URL value and as JSON text")
    void corporaWhenGatedThenSameFindingsAsUngated() {
        List<String> values = new ArrayList<>(Corpus.payloads());
        values.addAll(Corpus.legitimateTexts());
        // Needles whose place counts, moved by what the SQL signatures see removed: comments, runs of spaces, plus signs.
        values.addAll(List.of("admin'--/*" + "padding".repeat(5) + "*/", "admin'#" + " ".repeat(40), "1')--+" + "+".repeat(20),
                "x' or/**/1=1", "it's #1 of 2 ; -- done", "a'--\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"));
        int attacksFound = 0;
        for (String value : values) {
            attacksFound += agree(value) ? 1 : 0;
        }
        assertThat(attacksFound).as("values some signature matches").isGreaterThanOrEqualTo(Corpus.payloads().size() * 9 / 10);
    }

    @Test
    @DisplayName("[SEC-WAF] the gates are sound on texts made to sit at their edges: every attack of up to 500 characters with one character removed, and 30 000 splices of pieces of attacks and prose, find exactly what the ungated scan finds")
    void splicesAndDeletionsWhenGatedThenSameFindingsAsUngated() {
        List<String> payloads = Corpus.payloads();
        List<String> prose = Corpus.legitimateTexts();
        int matched = 0;
        for (String payload : payloads.stream().filter(payload -> payload.length() <= 500).toList()) {
            for (int i = 0; i < payload.length(); i++) {
                matched += agree(payload.substring(0, i) + payload.substring(i + 1)) ? 1 : 0;
            }
        }
        Random random = new Random(20261127L);
        for (int sample = 0; sample < 30_000; sample++) {
            StringBuilder text = new StringBuilder();
            for (int piece = random.nextInt(4) + 1; piece > 0; piece--) {
                List<String> from = random.nextInt(3) == 0 ? prose : payloads;
                String source = from.get(random.nextInt(from.size()));
                int start = random.nextInt(source.length() + 1);
                int end = Math.min(source.length(), start + random.nextInt(24));
                text.append(source, start, end).append(random.nextBoolean() ? " " : "");
            }
            matched += agree(text.toString()) ? 1 : 0;
        }
        assertThat(matched).as("texts some signature matches, so the comparison compared findings").isGreaterThan(10_000);
    }

    @Test
    @DisplayName("[SEC-WAF] the gates spare the regular expressions: a value of business prose with none of the needles runs none, and each gate opens only on its needles")
    void proseWhenNoNeedleThenNoSignatureRuns() {
        Needles needles = new Needles();
        int select = needles.id("select");
        int quote = needles.id("'");
        needles.seal();
        assertThat(Needles.none(needles.find("コピー用紙 A4 500枚 80 g white"))).isTrue();
        long[] hits = needles.find("please selected 'x");
        assertThat(Needles.has(hits, select)).isTrue();
        assertThat(Needles.has(hits, quote)).isTrue();
        assertThat(Needles.has(needles.find("sel ect"), select)).isFalse();
        assertThat(Detectors.scan("コピー用紙 a4 500枚 80 g white", true)).isEmpty();
    }

    /** Whether the gated and the ungated scans agree on the value, asserted; true when they found something. */
    private static boolean agree(String value) {
        boolean found = false;
        for (boolean form : new boolean[] {true, false}) {
            String canonical = Normaliser.canonical(value, form);
            // A line break is found before any gate is asked, so the scan without it is the one that tells.
            Optional<Detectors.Hit> gated = Detectors.scan(canonical, false, true);
            Optional<Detectors.Hit> every = Detectors.scan(canonical, false, false);
            assertThat(gated).as("gated scan of %s", canonical).isEqualTo(every);
            found |= every.isPresent();
        }
        return found;
    }
}
