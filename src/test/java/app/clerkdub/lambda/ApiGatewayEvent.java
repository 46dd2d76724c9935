package app.clerkdub.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An API Gateway HTTP API event (payload format 2.0) as API Gateway sends it to the function: header names in
 * lower case, cookies in their own {@code cookies} list and not in a header, the caller's address in
 * {@code requestContext.http.sourceIp}. {@link #send()} hands it to Quarkus' mock Lambda event server, which
 * passes it to the function unchanged (a raw event, posted to its {@code /_lambda_} path) and answers with the
 * function's response event, untouched.
 */
final class ApiGatewayEvent {
    static final String SOURCE_IP = "203.0.113.7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();
    private String body;
    private boolean base64;
    private String sourceIp = SOURCE_IP;

    private ApiGatewayEvent(String method, String path) {
        this.method = method;
        this.path = path;
        headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
        headers.put("user-agent", "Mozilla/5.0");
        headers.put("x-forwarded-proto", "https");
        headers.put("x-forwarded-port", "443");
    }

    static ApiGatewayEvent post(String path) {
        return new ApiGatewayEvent("POST", path);
    }

    static ApiGatewayEvent options(String path) {
        return new ApiGatewayEvent("OPTIONS", path);
    }

    static ApiGatewayEvent get(String path) {
        return new ApiGatewayEvent("GET", path);
    }

    ApiGatewayEvent header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    ApiGatewayEvent cookie(String name, String value) {
        cookies.add(name + "=" + value);
        return this;
    }

    ApiGatewayEvent sourceIp(String address) {
        this.sourceIp = address;
        return this;
    }

    /** A JSON body with its content-type and content-length headers, as API Gateway passes them on. */
    ApiGatewayEvent json(String text) {
        headers.put("content-type", "application/json");
        headers.put("content-length", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
        this.body = text;
        return this;
    }

    /** The body base64-encoded, as API Gateway sends a body it does not take for text. */
    ApiGatewayEvent base64() {
        this.body = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        this.base64 = true;
        return this;
    }

    String toJson() {
        long now = Instant.now().toEpochMilli();
        Map<String, Object> http = Map.of("method", method, "path", path, "protocol", "HTTP/1.1",
                "sourceIp", sourceIp, "userAgent", headers.get("user-agent"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123");
        context.put("domainName", headers.get("host"));
        context.put("domainPrefix", "abc123");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", Instant.ofEpochMilli(now).toString());
        context.put("timeEpoch", now);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        event.put("requestContext", context);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The function's response event, through Quarkus' mock Lambda event server of the {@code @QuarkusTest} run. */
    Answer send() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return sendTo(json -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_lambda_"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the event server answered " + response.statusCode() + ": "
                            + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The function's response event, from a function that takes the event's JSON and answers JSON. */
    Answer sendTo(UnaryOperator<String> function) {
        try {
            return new Answer(JSON.readTree(function.apply(toJson())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response event that the function returned to API Gateway. */
    record Answer(JsonNode event) {
        int status() {
            return event.path("statusCode").asInt();
        }

        /** A header by its name in any case, or null. */
        String header(String name) {
            for (var fields = event.path("headers").fields(); fields.hasNext();) {
                var field = fields.next();
                if (field.getKey().equalsIgnoreCase(name)) {
                    return field.getValue().asText();
                }
            }
            return null;
        }

        List<String> cookies() {
            List<String> values = new ArrayList<>();
            event.path("cookies").forEach(value -> values.add(value.asText()));
            return values;
        }

        /** The body as the caller gets it: API Gateway decodes a base64 body before sending it on. */
        String text() {
            String body = event.path("body").asText();
            return event.path("isBase64Encoded").asBoolean()
                    ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                    : body;
        }

        JsonNode body() {
            try {
                return JSON.readTree(text());
            } catch (IOException notJson) {
                throw new UncheckedIOException(notJson);
            }
        }
    }
}
