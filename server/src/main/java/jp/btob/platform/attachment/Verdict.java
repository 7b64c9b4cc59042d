package jp.btob.platform.attachment;

/**
 * What the scan of one file came to: clean, infected with a named signature, or not scanned,
 * with why, when the scanner could not be asked (none configured, unreachable, circuit open,
 * too slow, or an error of its own).
 */
record Verdict(Kind kind, String detail) {

    enum Kind { CLEAN, INFECTED, UNSCANNED }

    static Verdict clean() {
        return new Verdict(Kind.CLEAN, null);
    }

    static Verdict infected(String signature) {
        return new Verdict(Kind.INFECTED, signature);
    }

    static Verdict unscanned(String reason) {
        return new Verdict(Kind.UNSCANNED, reason);
    }
}
