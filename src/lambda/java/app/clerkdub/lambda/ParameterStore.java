package app.clerkdub.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AWS Systems Manager Parameter Store's GetParameters, called once while the function starts, signed with the
 * function's own role ({@link SigV4}). Lambda gives the role's credentials as environment variables, or, on a
 * SnapStart function, through its container credentials endpoint; both are read here. Values come back
 * decrypted (SecureString) and are never logged nor put in a message: a failure names the parameters and
 * what AWS answered, which holds no value.
 */
final class ParameterStore {
    static final String TARGET = "AmazonSSM.GetParameters";
    static final String JSON = "application/x-amz-json-1.1";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final SigV4.Credentials credentials;
    private final HttpClient http;

    /** Why a read failed, with nothing secret in the message. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    ParameterStore(URI endpoint, String region, SigV4.Credentials credentials, HttpClient http) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    /**
     * As Lambda sets it up: {@code AWS_REGION}, the role's credentials, and the regional endpoint, or
     * {@code AWS_ENDPOINT_URL_SSM} where it is set (the AWS SDKs' own variable for another endpoint).
     */
    static ParameterStore fromEnvironment(Map<String, String> env, HttpClient http) throws Unreadable {
        String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (region == null || region.isBlank()) {
            throw new Unreadable("AWS_REGION is not set (Lambda sets it)");
        }
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_SSM",
                "https://ssm." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
        return new ParameterStore(URI.create(endpoint), region, credentials(env, http), http);
    }

    /** Each name's value; a name Parameter Store does not have is refused, never left out. */
    Map<String, String> read(List<String> names) throws Unreadable {
        ObjectNode request = MAPPER.createObjectNode().put("WithDecryption", true);
        names.forEach(request.putArray("Names")::add);
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        headers.put("host", endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort());
        headers.put("x-amz-date", SigV4.AMZ_DATE.format(now));
        headers.put("x-amz-target", TARGET);
        if (credentials.sessionToken() != null) {
            headers.put("x-amz-security-token", credentials.sessionToken());
        }
        String authorization = SigV4.authorization("POST", "/", "", headers, body, credentials, region, "ssm", now);
        HttpRequest.Builder post = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Authorization", authorization);
        // The client writes Host itself, from the endpoint: the same value as signed above.
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                post.header(name, value);
            }
        });
        JsonNode answer = send(http, post.build(), "Parameter Store at " + endpoint);
        Map<String, String> values = new LinkedHashMap<>();
        answer.path("Parameters").forEach(parameter -> values.put(parameter.path("Name").asText(), parameter.path("Value").asText()));
        return values;
    }

    /** The role's credentials: Lambda's variables, else (SnapStart) its container credentials endpoint. */
    private static SigV4.Credentials credentials(Map<String, String> env, HttpClient http) throws Unreadable {
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (keyId != null && secret != null) {
            return new SigV4.Credentials(keyId, secret, env.get("AWS_SESSION_TOKEN"));
        }
        String uri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        String token = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        if (uri == null || token == null) {
            throw new Unreadable("the function's credentials are not set (Lambda sets AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_CONTAINER_CREDENTIALS_FULL_URI with SnapStart)");
        }
        HttpRequest get = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).header("Authorization", token).GET().build();
        JsonNode found = send(http, get, "the container credentials endpoint");
        return new SigV4.Credentials(found.path("AccessKeyId").asText(), found.path("SecretAccessKey").asText(),
                found.path("Token").asText(null));
    }

    private static JsonNode send(HttpClient http, HttpRequest request, String what) throws Unreadable {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new Unreadable(what + " did not answer (" + unreachable.getClass().getSimpleName() + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unreadable(what + " was not read: the start was interrupted");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException notJson) {
            body = MAPPER.createObjectNode();
        }
        if (response.statusCode() != 200) {
            // AWS's error body: its type (AccessDeniedException, ...) and message, which name the role and the
            // parameter's ARN, never a value.
            String type = body.path("__type").asText("HTTP " + response.statusCode());
            String message = body.has("message") ? body.path("message").asText() : body.path("Message").asText("");
            throw new Unreadable(what + " answered " + type.substring(type.indexOf('#') + 1)
                    + (message.isEmpty() ? "" : ": " + message.replaceAll("\\s+", " ")));
        }
        return body;
    }
}
