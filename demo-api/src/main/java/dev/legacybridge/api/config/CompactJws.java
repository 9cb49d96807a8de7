package dev.legacybridge.api.config;

/**
 * The one spelling of a signed JWT this API accepts: the JWS compact serialization (RFC 7515 §7.1),
 * {@code header.payload.signature}, each part in <em>canonical</em> unpadded base64url (RFC 7515 §2, RFC 4648 §5).
 * <pre>
 * eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k     accepted (the signature part is the two bytes "si")
 * eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k=    refused: padding
 * eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2l     refused: decodes to the same "si", but the last character's two
 *                                                  unused bits are not zero
 * eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2+     refused: '+' and '/' are standard base64, not base64url
 * eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9         refused: not three parts
 * </pre>
 * Why: base64 decoders (Nimbus's among them) accept all of these and decode them to the same bytes, so one token has
 * many spellings. Each spelling would be a different string to everything keyed on the token (a cache, a deny list, a
 * log search) and would cost a full signature check. Refusing them keeps exactly one spelling per token.
 *
 * <p>Canonical means: only {@code A-Z a-z 0-9 - _}; no part of length 4n+1 (no byte sequence encodes to it); and a
 * part of length 4n+2 or 4n+3 ends in a character whose unused low bits (4 or 2) are zero. The header and payload must
 * not be empty; the signature may be, so that an unsecured token ({@code alg: none}) reaches the decoder and is
 * refused there for what it is.
 */
final class CompactJws {

    /** base64url value of each ASCII character, -1 if it is not in the base64url alphabet. */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private CompactJws() {
    }

    /** Whether {@code value[start..end)} is three canonical base64url parts separated by two dots. */
    static boolean isCanonical(String value, int start, int end) {
        int firstDot = value.indexOf('.', start);
        if (firstDot < 0 || firstDot >= end) {
            return false;
        }
        int secondDot = value.indexOf('.', firstDot + 1);
        if (secondDot < 0 || secondDot >= end) {
            return false;
        }
        return firstDot > start && secondDot > firstDot + 1
                && isCanonicalPart(value, start, firstDot)
                && isCanonicalPart(value, firstDot + 1, secondDot)
                && isCanonicalPart(value, secondDot + 1, end);
    }

    /** One part: base64url alphabet only, a length that encodes whole bytes, zero unused bits in the last character. */
    static boolean isCanonicalPart(String value, int start, int end) {
        int last = -1;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c >= VALUES.length || VALUES[c] < 0) {
                return false;
            }
            last = VALUES[c];
        }
        return switch ((end - start) % 4) {
            case 0 -> true;
            case 2 -> (last & 0x0F) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> false;
        };
    }
}
