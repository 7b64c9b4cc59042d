package jp.btob.platform.invoice.pint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A postal address; only the country is required.
 *
 * @param countryCode ISO 3166-1 alpha-2, {@code JP} for Japan
 * @param prefecture  the country subdivision (都道府県), or null
 * @param city        the city or ward (市区町村), or null
 * @param street      the rest of the address, or null
 * @param postalCode  seven digits in Japan, or null
 */
public record PostalAddress(String countryCode, String prefecture, String city, String street, String postalCode) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public PostalAddress {
        Objects.requireNonNull(countryCode, "countryCode");
        if (!COUNTRY.matcher(countryCode).matches()) {
            throw new IllegalArgumentException("Not an ISO 3166-1 alpha-2 country code: " + countryCode);
        }
        Texts.requireTextOrNull(prefecture, "prefecture");
        Texts.requireTextOrNull(city, "city");
        Texts.requireTextOrNull(street, "street");
        Texts.requireTextOrNull(postalCode, "postalCode");
    }
}
