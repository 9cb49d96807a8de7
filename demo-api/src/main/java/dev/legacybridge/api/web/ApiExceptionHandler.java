package dev.legacybridge.api.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.legacybridge.api.posts.PostNotFoundException;
import dev.legacybridge.api.posts.PostStoreFullException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 bodies for everything Spring MVC raises (400 unreadable or invalid body, 404 no such resource, 405, 406,
 * 415, ... via {@link ResponseEntityExceptionHandler}) and for the post store. Security failures never get here:
 * they are answered in the filter chain by {@code BearerProblemHandler}; errors outside MVC by
 * {@link ProblemErrorController}.
 * <pre>
 * 400 {"title":"Bad Request","status":400,"detail":"Invalid request content.","instance":"/posts",
 *      "errors":[{"field":"title","message":"must not be blank"}]}
 * 507 {"title":"Post store full","status":507,"detail":"The post store is full (1000 posts); ...","capacity":1000}
 * </pre>
 */
@RestControllerAdvice
final class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField)
                        .thenComparing(error -> String.valueOf(error.getDefaultMessage())))
                .forEach(error -> errors.add(error(error.getField(), error.getDefaultMessage())));
        for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
            errors.add(error(error.getObjectName(), error.getDefaultMessage()));
        }
        ProblemDetail problem = ex.getBody();
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static Map<String, Object> error(String field, @Nullable String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    @ExceptionHandler
    ProblemDetail postNotFound(PostNotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    /**
     * 507 Insufficient Storage (RFC 4918 §11.5): the server cannot store the representation. Not a 4xx: the request
     * is fine and would succeed once posts are deleted; not 503: the API is up and serves everything else.
     */
    @ExceptionHandler
    ProblemDetail postStoreFull(PostStoreFullException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE, ex.getMessage());
        problem.setTitle("Post store full");
        problem.setProperty("capacity", ex.capacity());
        return problem;
    }

    /** Anything unforeseen: logged with its stack trace here, never shown to the client. */
    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        log.error("Unhandled exception", ex);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    }
}
