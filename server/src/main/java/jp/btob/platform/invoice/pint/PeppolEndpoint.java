package jp.btob.platform.invoice.pint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A party's address on the Peppol network.
 *
 * @param scheme the EAS code of the identifier, such as {@code 0188} (Japanese corporate number) or
 *               {@code 0221} (qualified invoice registration number)
 */
public record PeppolEndpoint(String scheme, String id) {

    private static final Pattern EAS = Pattern.compile("[0-9]{4}");

    public PeppolEndpoint {
        Objects.requireNonNull(scheme, "scheme");
        if (!EAS.matcher(scheme).matches()) {
            throw new IllegalArgumentException("Not an EAS code: " + scheme);
        }
        Texts.requireText(id, "id");
    }
}
