package dev.legacybridge.keycloak.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.ResponseBuilder;
import jakarta.ws.rs.core.Response.StatusType;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the JAX-RS runtime (RESTEasy, in the server) that builds bare status-only responses, so that the
 * provider's {@code jakarta.ws.rs} exceptions (its HTTP 503 for a failing legacy database) can be created in unit
 * tests. Installed once per JVM; it answers nothing but {@code Response.status(...).build()}.
 */
public final class JaxRsResponses {

    private static boolean installed;

    private JaxRsResponses() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        RuntimeDelegate delegate = mock(RuntimeDelegate.class);
        when(delegate.createResponseBuilder()).thenAnswer(i -> builder());
        RuntimeDelegate.setInstance(delegate);
        installed = true;
    }

    private static ResponseBuilder builder() {
        ResponseBuilder builder = mock(ResponseBuilder.class);
        AtomicReference<StatusType> status = new AtomicReference<>();
        when(builder.status(any(StatusType.class))).thenAnswer(i -> {
            status.set(i.getArgument(0));
            return builder;
        });
        when(builder.build()).thenAnswer(i -> {
            Response response = mock(Response.class);
            when(response.getStatus()).thenReturn(status.get().getStatusCode());
            when(response.getStatusInfo()).thenReturn(status.get());
            return response;
        });
        return builder;
    }
}
