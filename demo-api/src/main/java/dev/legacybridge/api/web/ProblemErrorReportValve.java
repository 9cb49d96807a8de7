package dev.legacybridge.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Answers what Tomcat refuses before the request reaches the application with {@code application/problem+json}
 * instead of Tomcat's HTML error page. The case that matters: request header fields larger than
 * {@code server.max-http-request-header-size} (an access token with very many roles gets there), and likewise a
 * malformed request line or header. Tomcat answers all of these with 400 and never maps them to the application, so
 * neither Spring MVC nor the {@code /error} page sees them; this valve, on Tomcat's host, does.
 * <pre>
 * 400 WWW-Authenticate: Bearer realm="demo-api", error="invalid_request", error_description="The request could not
 *     be read: ..."
 *     {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request could not be read: ...",
 *      "error":"invalid_request"}
 * </pre>
 * A 400 carries the RFC 6750 {@code invalid_request} challenge, as every other malformed request to this API does
 * (the token could not even be read). Any other status the container sets itself (rare: 5xx, 505) gets a problem body
 * without a challenge. Responses the application wrote, including every {@code /error} page, are left alone.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final String realmName;
    private final String badRequestDetail;

    ProblemErrorReportValve(String realmName, long maxHeaderBytes) {
        this.realmName = realmName;
        this.badRequestDetail = "The request could not be read: its request line or header fields are malformed, "
                + "or larger than " + (maxHeaderBytes / 1024) + " KiB in total";
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 400 ? this.badRequestDetail
                : status >= 500 ? "An unexpected error occurred" : title;
        StringBuilder body = new StringBuilder(256)
                .append("{\"type\":\"about:blank\",\"title\":\"").append(title)
                .append("\",\"status\":").append(status)
                .append(",\"detail\":\"").append(detail).append('"');
        if (status == 400) {
            body.append(",\"error\":\"invalid_request\"");
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + this.realmName
                    + "\", error=\"invalid_request\", error_description=\"" + this.badRequestDetail + "\"");
        }
        body.append('}');
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body.toString());
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The connection is going away; nothing more to tell the client.
        }
    }
}
