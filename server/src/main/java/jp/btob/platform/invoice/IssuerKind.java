package jp.btob.platform.invoice;

/** Whether an issuer is a corporation or a sole proprietor: it decides how its registration number is checked. */
public enum IssuerKind {

    /** 法人: the registration number's digits are the corporate number (法人番号), with its check digit. */
    CORPORATION("corporation"),
    /** 個人事業者: the digits are assigned separately, with no check digit that can be verified. */
    SOLE_PROPRIETOR("sole-proprietor");

    private final String value;

    IssuerKind(String value) {
        this.value = value;
    }

    /** The kind's name in the API. */
    public String value() {
        return value;
    }

    public static IssuerKind fromValue(String value) {
        for (IssuerKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown issuer kind: " + value);
    }
}
