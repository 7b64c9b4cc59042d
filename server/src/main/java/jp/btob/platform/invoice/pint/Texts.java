package jp.btob.platform.invoice.pint;

/** JP PINT refuses empty elements, so every text the export writes must have something in it. */
final class Texts {

    private Texts() {
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String requireTextOrNull(String value, String name) {
        return value == null ? null : requireText(value, name);
    }
}
