package org.qtastudio.serve.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qtastudio.common.Json;

/**
 * An error of the HTTP API as its status and a message for the agent or person who sent the request; written as
 * {@code {"error": {"status": 400, "message": "..."}}} whoever produced it (the API or Jetty itself).
 */
final class ApiError extends RuntimeException {

    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The error body. */
    static String json(int status, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("error").put("status", status).put("message", message);
        return Json.write(root);
    }
}
