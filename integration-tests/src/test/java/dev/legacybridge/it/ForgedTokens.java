package dev.legacybridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds forged and self-signed compact JWS tokens with the JDK alone (no JOSE library on the test classpath, so
 * nothing here can be "helpfully" refused by a library): re-encoding a real token's header and claims, HMAC and RSA
 * signatures, and the realm's public key from its JWKS.
 */
final class ForgedTokens {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private ForgedTokens() {
    }

    static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(JsonNode json) {
        return b64(Http.write(json));
    }

    /** Segments of a compact JWS: header, payload, signature (base64url, as sent). */
    static String[] segments(String jws) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a compact JWS (" + parts.length + " parts)");
        }
        return parts;
    }

    static ObjectNode header(String jws) {
        return (ObjectNode) Http.parse(new String(B64URL_DECODER.decode(segments(jws)[0]), StandardCharsets.UTF_8));
    }

    static ObjectNode claims(String jws) {
        return (ObjectNode) Http.parse(new String(B64URL_DECODER.decode(segments(jws)[1]), StandardCharsets.UTF_8));
    }

    /** {@code alg: none}, the real claims, an empty signature (RFC 7519 §6.1 "unsecured JWT"). */
    static String algNone(String realToken) {
        ObjectNode header = Http.JSON.createObjectNode().put("alg", "none").put("typ", "JWT");
        return b64(header) + "." + segments(realToken)[1] + ".";
    }

    /** The real header with {@code alg} replaced by HS256, the real claims, HMAC-SHA256 keyed with {@code secret}. */
    static String hs256(String realToken, byte[] secret) {
        ObjectNode header = header(realToken).put("alg", "HS256");
        String signingInput = b64(header) + "." + segments(realToken)[1];
        return signingInput + "." + b64(hmacSha256(secret, signingInput));
    }

    /** The real header and signature, with the claims changed by {@code change}: the signature no longer matches. */
    static String tampered(String realToken, Consumer<ObjectNode> change) {
        String[] s = segments(realToken);
        ObjectNode claims = claims(realToken);
        change.accept(claims);
        return s[0] + "." + b64(claims) + "." + s[2];
    }

    /** RS256 over {@code header}.{@code claims} with {@code key}. */
    static String rs256(JsonNode header, JsonNode claims, PrivateKey key) {
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA key with this {@code kid} from a JWK set document. */
    static RSAPublicKey rsaKeyFromJwks(JsonNode jwks, String kid) {
        for (JsonNode k : jwks.path("keys")) {
            if (kid.equals(k.path("kid").asText()) && "RSA".equals(k.path("kty").asText())) {
                BigInteger n = new BigInteger(1, B64URL_DECODER.decode(k.path("n").asText()));
                BigInteger e = new BigInteger(1, B64URL_DECODER.decode(k.path("e").asText()));
                try {
                    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                } catch (GeneralSecurityException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        throw new IllegalArgumentException("No RSA key with kid " + kid + " in " + jwks);
    }

    /** A JWK (public part) for a JWKS document. */
    static ObjectNode jwk(RSAPublicKey key, String kid) {
        return Http.JSON.createObjectNode()
                .put("kid", kid).put("kty", "RSA").put("alg", "RS256").put("use", "sig")
                .put("n", b64(unsigned(key.getModulus())))
                .put("e", b64(unsigned(key.getPublicExponent())));
    }

    /** X.509 SubjectPublicKeyInfo in PEM, 64-character lines, trailing newline (what {@code openssl} writes). */
    static String pem(RSAPublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    private static byte[] hmacSha256(byte[] secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
