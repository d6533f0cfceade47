package org.qtastudio.serve.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a request it cannot parse, a header too large, a path it refuses) in the API's
 * JSON error shape rather than an HTML page, whatever the request accepts, and without a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    static final String JSON = "application/json";

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        // Jetty's message for an exception is its toString(): a class name is no message for an agent
        String shown = cause != null && cause.toString().equals(message) ? null : message;
        Content.Sink.write(response, true, ApiError.json(code, reason(code, shown)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(ApiError.json(status, reason(status, reason)).getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(int code, String message) {
        return message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    }
}
