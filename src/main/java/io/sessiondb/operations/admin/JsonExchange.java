package io.sessiondb.operations.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Reading the query and writing the JSON answers of the admin and own-sessions APIs. */
final class JsonExchange {

    private JsonExchange() {}

    /** A 4xx with a message: the request was wrong, and says how. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static void send(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter writer = response.getWriter();
        writer.write(body.toString());
        writer.flush();
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Json.createObjectBuilder().add("error", message).build());
    }

    /** A 405 naming the methods the endpoint takes. */
    static void notAllowed(HttpServletResponse response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "This endpoint takes " + allowed + " only");
    }

    /** The query's parameters, each at most once, none but the allowed ones. */
    static Map<String, String[]> query(HttpServletRequest request, Set<String> allowed) throws BadRequest {
        Map<String, String[]> parameters = request.getParameterMap();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (!allowed.contains(parameter.getKey())) {
                throw new BadRequest(
                        400,
                        "unknown query parameter '" + parameter.getKey() + "'"
                                + (allowed.isEmpty() ? ": this endpoint takes none" : "; allowed: " + allowed));
            }
            if (parameter.getValue().length > 1) {
                throw new BadRequest(400, "query parameter '" + parameter.getKey() + "' is given more than once");
            }
        }
        return parameters;
    }

    /** An integer parameter within bounds, or its default when absent. */
    static int integer(Map<String, String[]> query, String name, int defaultValue, int min, int max) throws BadRequest {
        String[] values = query.get(name);
        if (values == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(values[0]);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(
                400, name + " must be a whole number from " + min + " to " + max + ", was '" + values[0] + "'");
    }

    /** A time as ISO-8601 in UTC, or null for never. */
    static void addTime(JsonObjectBuilder json, String name, Long epochMs) {
        if (epochMs == null || epochMs == Long.MAX_VALUE) {
            json.addNull(name);
        } else {
            json.add(name, Instant.ofEpochMilli(epochMs).toString());
        }
    }

    static void addText(JsonObjectBuilder json, String name, String text) {
        if (text == null) {
            json.addNull(name);
        } else {
            json.add(name, text);
        }
    }
}
