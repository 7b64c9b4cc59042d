package jp.btob.platform.sso.oidc;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks an ID token (OpenID Connect Core 3.1.3.7): signed with an asymmetric algorithm of the
 * allow-list by a key of the provider's key set (never {@code none}, never HMAC, which would let
 * a public key serve as the secret), issued by the configured issuer, for this client
 * ({@code aud}, and {@code azp} when there are several audiences), not expired, not issued in the
 * future, and carrying the nonce of this sign-in. Each failure is an {@link Invalid} naming its reason.
 */
final class IdTokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private IdTokenVerifier() {
    }

    /** The token, parsed, with an allowed algorithm; its signature not yet checked. */
    static SignedJWT parse(String idToken) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
                throw new Invalid("ID_TOKEN_ALGORITHM");
            }
            return jwt;
        }
        catch (ParseException ex) {
            throw new Invalid("ID_TOKEN_MALFORMED");
        }
    }

    /** The key of the set that signed the token by its header's key ID (or the only fitting key when it names none); null if none fits. */
    static JWK signingKey(SignedJWT jwt, JWKSet keys) {
        JWSHeader header = jwt.getHeader();
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(header.getAlgorithm()))
                .keyUses(KeyUse.SIGNATURE, null);
        if (header.getKeyID() != null) {
            matcher.keyID(header.getKeyID());
        }
        List<JWK> found = new JWKSelector(matcher.build()).select(keys);
        return found.size() == 1 ? found.get(0) : null;
    }

    /** Checks the signature with {@code key}, then the claims; answers the claims. CPU work: off the event loop. */
    static JWTClaimsSet verify(SignedJWT jwt, JWK key, Expected expected) {
        try {
            if (!(key instanceof AsymmetricJWK asymmetric)) {
                throw new Invalid("ID_TOKEN_KEY");
            }
            Key publicKey = asymmetric.toPublicKey();
            if (!jwt.verify(VERIFIERS.createJWSVerifier(jwt.getHeader(), publicKey))) {
                throw new Invalid("ID_TOKEN_SIGNATURE");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            check(claims, expected);
            return claims;
        }
        catch (JOSEException ex) {
            throw new Invalid("ID_TOKEN_SIGNATURE");
        }
        catch (ParseException ex) {
            throw new Invalid("ID_TOKEN_MALFORMED");
        }
    }

    private static void check(JWTClaimsSet claims, Expected expected) throws ParseException {
        if (!expected.issuer().equals(claims.getIssuer())) {
            throw new Invalid("ID_TOKEN_ISSUER");
        }
        List<String> audience = claims.getAudience();
        String authorizedParty = claims.getStringClaim("azp");
        if (audience == null || !audience.contains(expected.clientId())
                || (audience.size() > 1 || authorizedParty != null) && !expected.clientId().equals(authorizedParty)) {
            throw new Invalid("ID_TOKEN_AUDIENCE");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !expiry.toInstant().plus(expected.skew()).isAfter(expected.now())) {
            throw new Invalid("ID_TOKEN_EXPIRED");
        }
        Date issued = claims.getIssueTime();
        if (issued == null || issued.toInstant().isAfter(expected.now().plus(expected.skew()))) {
            throw new Invalid("ID_TOKEN_ISSUED_IN_FUTURE");
        }
        String nonce = claims.getStringClaim("nonce");
        if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                expected.nonce().getBytes(StandardCharsets.UTF_8))) {
            throw new Invalid("ID_TOKEN_NONCE");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new Invalid("ID_TOKEN_SUBJECT");
        }
    }

    /** What this sign-in's token must say, judged at {@code now} with {@code skew} for the provider's clock. */
    record Expected(String issuer, String clientId, String nonce, Instant now, Duration skew) {
    }

    /** A token refused, and the reason the audit trail records. */
    static final class Invalid extends RuntimeException {

        Invalid(String reason) {
            super(reason, null, false, false);
        }

        String reason() {
            return getMessage();
        }
    }
}
