package dev.legacybridge.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keycloak's browser login over plain HTTP: the authorization endpoint's login page, its form posted with a
 * username and password, cookies kept. Enough to see which page comes next (a redirect with a code, an error, or a
 * required action such as "update password") without a browser.
 */
final class BrowserLogin {

    private static final Pattern FORM_TAG = Pattern.compile("<form\\b[^>]*>", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** The page after submitting the login form: status, body, Location header, and the id of the page's form. */
    record Page(int status, String body, String location, String formId, String formAction) {
        /** For assertion messages: status, redirect and the page's title and first form. */
        String describe() {
            java.util.regex.Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(body);
            return "HTTP " + status + (location == null ? "" : " -> " + location) + ", title "
                    + (title.find() ? title.group(1).trim() : "-") + ", form " + formId;
        }

        boolean redirectsTo(String prefix) {
            return status == 302 && location != null && location.startsWith(prefix);
        }
    }

    private String keycloakBase;

    /** The login page of the authorization endpoint. */
    Page loginPage(String baseUrl, String realm, String clientId, String redirectUri) {
        this.keycloakBase = baseUrl;
        String auth = baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", clientId, "redirect_uri", redirectUri, "response_type", "code", "scope", "openid"));
        return send(HttpRequest.newBuilder(URI.create(auth)).GET());
    }

    Page login(String baseUrl, String realm, String clientId, String redirectUri, String username, String password) {
        Page loginPage = loginPage(baseUrl, realm, clientId, redirectUri);
        if (!"kc-form-login".equals(loginPage.formId())) {
            throw new IllegalStateException("no login form (HTTP " + loginPage.status() + ")");
        }
        return submit(loginPage, Map.of("username", username, "password", password, "credentialId", ""));
    }

    /** Opens a page (an email link, a link found in a page), keeping the cookies and following Keycloak redirects. */
    Page get(String url) {
        String absolute = url.replace("&amp;", "&");
        if (absolute.startsWith("/") && keycloakBase != null) {
            absolute = keycloakBase + absolute; // links in Keycloak's pages are relative to the server
        }
        return send(HttpRequest.newBuilder(URI.create(absolute)).GET());
    }

    /** The first link of the page whose URL contains {@code fragment}, or null. */
    static String link(Page page, String fragment) {
        Matcher m = Pattern.compile("href=\"([^\"]*" + Pattern.quote(fragment) + "[^\"]*)\"").matcher(page.body());
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    Page submit(Page page, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(page.formAction()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** Sends, then follows redirects that stay on Keycloak (required-action pages), not the one back to the client. */
    private Page send(HttpRequest.Builder request) {
        Page page = sendOnce(request);
        for (int hops = 0; hops < 5 && page.status() == 302 && page.location() != null && keycloakBase != null
                && page.location().startsWith(keycloakBase); hops++) {
            page = sendOnce(HttpRequest.newBuilder(URI.create(page.location())).GET());
        }
        return page;
    }

    private Page sendOnce(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher form = FORM_TAG.matcher(response.body());
            String formId = null;
            String action = null;
            if (form.find()) {
                Matcher id = ID.matcher(form.group());
                Matcher act = ACTION.matcher(form.group());
                formId = id.find() ? id.group(1) : null;
                action = act.find() ? act.group(1).replace("&amp;", "&") : null;
            }
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null),
                    formId, action);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keycloak marks its session cookies {@code Secure} (with {@code SameSite=None}); browsers still send them to
     * {@code http://localhost}, Java's {@link CookieManager} does not. On a loopback test server this handler sends
     * every stored cookie of the host, secure or not.
     */
    private static final class LoopbackCookies extends java.net.CookieHandler {
        private final CookieManager store = new CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) {
            // CookieStore#get(URI) filters Secure cookies out for http too, so match host and path by hand.
            String path = uri.getPath() == null ? "/" : uri.getPath();
            String cookies = store.getCookieStore().getCookies().stream()
                    .filter(c -> !c.hasExpired())
                    .filter(c -> c.getPath() == null || path.startsWith(c.getPath()))
                    .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", java.util.List.of(cookies));
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws java.io.IOException {
            store.put(uri, headers);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
