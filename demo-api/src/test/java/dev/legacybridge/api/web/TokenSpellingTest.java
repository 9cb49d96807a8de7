package dev.legacybridge.api.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import dev.legacybridge.api.config.SecurityConfiguration;
import dev.legacybridge.api.posts.PostsConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the filter chain refuses before the decoder (where signature checks and, on the fast path, the verified-token
 * cache live) is ever called: other spellings of a token, and the DPoP scheme. The decoder is a mock that accepts
 * exactly one token, so a call that reached it would show.
 */
@WebMvcTest(controllers = UserController.class)
@Import({SecurityConfiguration.class, PostsConfiguration.class})
class TokenSpellingTest {

    private static final String HEADER_AND_PAYLOAD = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.";
    private static final String SIGNATURE = signature();
    private static final String TOKEN = HEADER_AND_PAYLOAD + SIGNATURE;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JwtDecoder decoder;

    @BeforeEach
    void acceptOneToken() {
        given(this.decoder.decode(TOKEN)).willReturn(Jwt.withTokenValue(TOKEN).header("alg", "RS256")
                .subject("alice").claim("preferred_username", "alice").expiresAt(Instant.now().plusSeconds(60))
                .build());
    }

    @Test
    void meWhenCanonicalTokenThenDecodedAndOk() throws Exception {
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("alice"));
        verify(this.decoder, times(1)).decode(TOKEN);
    }

    /** Padding appended (any amount), standard-base64 characters, a last character with unused bits set. */
    @Test
    void meWhenOtherSpellingOfTheTokenThenUnauthorizedWithoutDecoding() throws Exception {
        List<String> spellings = new ArrayList<>();
        for (int padding = 1; padding <= 5; padding++) {
            spellings.add(TOKEN + "=".repeat(padding));
        }
        spellings.add(HEADER_AND_PAYLOAD + SIGNATURE.replace('-', '+').replace('_', '/'));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(SIGNATURE.charAt(SIGNATURE.length() - 1));
        spellings.add(HEADER_AND_PAYLOAD + SIGNATURE.substring(0, SIGNATURE.length() - 1) + alphabet.charAt(last | 1));

        for (String spelling : spellings) {
            this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + spelling))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                            + "error=\"invalid_token\", error_description=\"Bearer token is malformed: "
                            + "not a signed JWT in canonical base64url (RFC 7515)\""))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.error").value("invalid_token"));
        }
        verify(this.decoder, never()).decode(anyString());
    }

    @Test
    void meWhenDpopSchemeThenUnauthorizedProblemWithBearerChallengeWithoutDecoding() throws Exception {
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "DPoP " + TOKEN)
                        .header("DPoP", HEADER_AND_PAYLOAD + SIGNATURE))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                        + "error=\"invalid_token\", error_description=\"The DPoP authorization scheme is not "
                        + "supported: send the access token as Authorization: Bearer\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("Could not validate credentials"))
                .andExpect(jsonPath("$.error").value("invalid_token"));
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "DPoP"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(this.decoder, never()).decode(anyString());
    }

    /** 256 bytes (an RSA-2048 signature): a base64url part of length 4n+2, its first character different in base64. */
    private static String signature() {
        byte[] bytes = new byte[256];
        new Random(9449).nextBytes(bytes);
        bytes[0] = (byte) 0xfb;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
