package jp.btob.platform.firewall;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a value the way a browser, a server or a database might on its way in, so that the
 * rules see what an encoding hides: percent-encoding (repeatedly, for double and triple encoding,
 * including {@code %uXXXX} and the overlong UTF-8 forms of the dot, the slash and the backslash),
 * JavaScript and CSS escapes, HTML character references, and full-width or otherwise compatible
 * characters (Unicode NFKC). The result is lower case.
 */
final class Normaliser {

    private static final int ROUNDS = 3;

    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"),
            Map.entry("amp", "&"), Map.entry("colon", ":"), Map.entry("lpar", "("), Map.entry("rpar", ")"),
            Map.entry("sol", "/"), Map.entry("bsol", "\\"), Map.entry("tab", "\t"), Map.entry("newline", "\n"),
            Map.entry("nbsp", " "), Map.entry("semi", ";"), Map.entry("equals", "="), Map.entry("grave", "`"),
            Map.entry("lsqb", "["), Map.entry("rsqb", "]"), Map.entry("lcub", "{"), Map.entry("rcub", "}"),
            Map.entry("period", "."), Map.entry("comma", ","), Map.entry("excl", "!"), Map.entry("num", "#"),
            Map.entry("percnt", "%"), Map.entry("dollar", "$"), Map.entry("plus", "+"), Map.entry("ast", "*"),
            Map.entry("vert", "|"), Map.entry("quest", "?"), Map.entry("lowbar", "_"), Map.entry("hyphen", "-"));

    private Normaliser() {
    }

    /**
     * The value decoded until decoding changes nothing (at most three rounds), compatibility-
     * normalised and in lower case. {@code form}: a query or form value, where {@code +} is a space.
     */
    static String canonical(String value, boolean form) {
        String current = value;
        for (int round = 0; round < ROUNDS; round++) {
            String next = entities(escapes(percent(current, form && round == 0)));
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return (ascii(current) ? current : lookalikes(compatible(current))).toLowerCase(Locale.ROOT);
    }

    /** Whether the value is ASCII, which NFKC and the look-alikes leave as it is. */
    private static boolean ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** NFKC, without a copy for text already in it. */
    private static String compatible(String value) {
        return Normalizer.isNormalized(value, Normalizer.Form.NFKC) ? value : Normalizer.normalize(value, Normalizer.Form.NFKC);
    }

    /** Slashes and backslashes that NFKC leaves alone but a path resolver may take for the real ones. */
    private static String lookalikes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u2215' || c == '\u2044' || c == '\u29f8' || c == '\u2216' || c == '\u29f9') {
                return value.replace('\u2215', '/').replace('\u2044', '/').replace('\u29f8', '/')
                        .replace('\u2216', '\\').replace('\u29f9', '\\');
            }
        }
        return value;
    }

    /**
     * Whether nothing in the value could be decoded or could carry any rule's pattern: one word of
     * letters and digits, with single dots, hyphens, colons, commas, at signs and underscores, as
     * IDs, dates, codes and e-mail addresses are. Anything with a space is text and is inspected.
     */
    static boolean plain(String value) {
        for (int i = 0, length = value.length(); i < length; i++) {
            if (!plain(value.charAt(i), i + 1 < length ? value.charAt(i + 1) : 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the characters from {@code from} to {@code to} are {@link #plain(String) plain}. */
    static boolean plain(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!plain(chars[i], i + 1 < to ? chars[i + 1] : 0)) {
                return false;
            }
        }
        return true;
    }

    /** One character of a plain value, given the one after it (0 at the end): a dot or a hyphen only single. */
    private static boolean plain(char c, char following) {
        return Character.isLetterOrDigit(c) && c < 0xFF00 || c == '_' || c == ',' || c == '@' || c == ':'
                || (c == '.' || c == '-') && following != c;
    }

    private static String percent(String value, boolean plusIsSpace) {
        if (value.indexOf('%') < 0 && !(plusIsSpace && value.indexOf('+') >= 0)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        byte[] bytes = new byte[value.length()];
        int pending = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && hex(value.charAt(i + 1)) >= 0 && hex(value.charAt(i + 2)) >= 0) {
                bytes[pending++] = (byte) (hex(value.charAt(i + 1)) * 16 + hex(value.charAt(i + 2)));
                i += 2;
                continue;
            }
            pending = flush(bytes, pending, out);
            if (c == '%' && i + 5 < value.length() && (value.charAt(i + 1) == 'u' || value.charAt(i + 1) == 'U')
                    && hex4(value, i + 2) >= 0) {
                out.append((char) hex4(value, i + 2));
                i += 5;
            } else {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        flush(bytes, pending, out);
        return out.toString();
    }

    /** Decodes percent-decoded bytes as UTF-8, leniently: overlong forms decode to their character. */
    private static int flush(byte[] bytes, int count, StringBuilder out) {
        int i = 0;
        while (i < count) {
            int b = bytes[i] & 0xFF;
            int need;
            int codePoint;
            if (b < 0x80) {
                need = 0;
                codePoint = b;
            } else if (b >= 0xC0 && b < 0xE0) {
                need = 1;
                codePoint = b & 0x1F;
            } else if (b >= 0xE0 && b < 0xF0) {
                need = 2;
                codePoint = b & 0x0F;
            } else if (b >= 0xF0 && b < 0xF8) {
                need = 3;
                codePoint = b & 0x07;
            } else {
                out.append('\uFFFD');
                i++;
                continue;
            }
            if (i + need >= count) {
                out.append('\uFFFD');
                i++;
                continue;
            }
            boolean valid = true;
            for (int k = 1; k <= need; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    valid = false;
                    break;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (!valid || !Character.isValidCodePoint(codePoint)) {
                out.append('\uFFFD');
                i++;
                continue;
            }
            out.appendCodePoint(codePoint);
            i += need + 1;
        }
        return 0;
    }

    /** JavaScript escapes (backslash-u with four hex digits or in braces, backslash-x with two) and CSS ones (backslash and hex). */
    private static String escapes(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char kind = value.charAt(i + 1);
                if ((kind == 'u' || kind == 'U') && i + 5 < value.length() && hex4(value, i + 2) >= 0) {
                    out.append((char) hex4(value, i + 2));
                    i += 5;
                    continue;
                }
                if ((kind == 'u' || kind == 'U') && i + 2 < value.length() && value.charAt(i + 2) == '{') {
                    int end = value.indexOf('}', i + 3);
                    Integer code = end > i + 3 && end - i - 3 <= 6 ? parseHex(value.substring(i + 3, end)) : null;
                    if (code != null && Character.isValidCodePoint(code)) {
                        out.appendCodePoint(code);
                        i = end;
                        continue;
                    }
                }
                if ((kind == 'x' || kind == 'X') && i + 3 < value.length()
                        && hex(value.charAt(i + 2)) >= 0 && hex(value.charAt(i + 3)) >= 0) {
                    out.append((char) (hex(value.charAt(i + 2)) * 16 + hex(value.charAt(i + 3))));
                    i += 3;
                    continue;
                }
                if (hex(kind) >= 0) {
                    int end = i + 1;
                    while (end < value.length() && end - i - 1 < 6 && hex(value.charAt(end)) >= 0) {
                        end++;
                    }
                    if (end - i - 1 >= 2) {
                        Integer code = parseHex(value.substring(i + 1, end));
                        if (code != null && Character.isValidCodePoint(code) && code > 0) {
                            out.appendCodePoint(code);
                            i = end < value.length() && value.charAt(end) == ' ' ? end : end - 1;
                            continue;
                        }
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** HTML character references, numeric ({@code &#60;}, {@code &#x3c}) and the named ones that matter here. */
    private static String entities(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '&' && i + 2 < value.length()) {
                int end = i + 1;
                if (value.charAt(end) == '#') {
                    boolean hexadecimal = end + 1 < value.length()
                            && (value.charAt(end + 1) == 'x' || value.charAt(end + 1) == 'X');
                    int start = end + (hexadecimal ? 2 : 1);
                    int stop = start;
                    while (stop < value.length() && stop - start < 8
                            && (hexadecimal ? hex(value.charAt(stop)) >= 0 : Character.isDigit(value.charAt(stop)))) {
                        stop++;
                    }
                    if (stop > start) {
                        Integer code = hexadecimal ? parseHex(value.substring(start, stop))
                                : Integer.valueOf(Integer.parseInt(value.substring(start, stop)));
                        if (code != null && Character.isValidCodePoint(code)) {
                            out.appendCodePoint(code);
                            i = stop < value.length() && value.charAt(stop) == ';' ? stop : stop - 1;
                            continue;
                        }
                    }
                } else {
                    int stop = end;
                    while (stop < value.length() && stop - end < 8 && Character.isLetter(value.charAt(stop))) {
                        stop++;
                    }
                    String decoded = ENTITIES.get(value.substring(end, stop).toLowerCase(Locale.ROOT));
                    if (decoded != null) {
                        out.append(decoded);
                        i = stop < value.length() && value.charAt(stop) == ';' ? stop : stop - 1;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int hex4(String value, int from) {
        if (from + 4 > value.length()) {
            return -1;
        }
        int code = 0;
        for (int k = 0; k < 4; k++) {
            int digit = hex(value.charAt(from + k));
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
    }

    private static Integer parseHex(String digits) {
        if (digits.isEmpty() || digits.length() > 6) {
            return null;
        }
        int code = 0;
        for (int k = 0; k < digits.length(); k++) {
            int digit = hex(digits.charAt(k));
            if (digit < 0) {
                return null;
            }
            code = code * 16 + digit;
        }
        return code;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
