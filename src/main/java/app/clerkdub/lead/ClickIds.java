package app.clerkdub.lead;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a request's click id comes from: the {@code dub_id} cookie first, else the JSON body. A cookie
 * that is not a click id is set aside (and cleared by the answer): it is not the caller's input to fix,
 * and refusing it would refuse that browser on every call.
 */
final class ClickIds {
    static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");
    private static final String RULE = "must be 1 to 128 letters, digits, '_' or '-'";

    private ClickIds() {
    }

    /** The click a request names, and whether it sent a {@code dub_id} cookie that is not a click id. */
    record RequestClick(Optional<String> clickId, boolean invalidCookie) {
    }

    static RequestClick resolve(String cookie, String contentType, String body, ObjectMapper json) {
        Optional<String> fromBody = fromBody(contentType, body, json);
        if (cookie == null || cookie.isEmpty()) {
            return new RequestClick(fromBody, false);
        }
        if (VALID.matcher(cookie).matches()) {
            return new RequestClick(Optional.of(cookie), false);
        }
        return new RequestClick(fromBody, true);
    }

    /** The body is read even when the cookie wins, so that a broken body is refused the same way each time. */
    private static Optional<String> fromBody(String contentType, String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        if (!isJson(contentType)) {
            throw new BadRequestException(415, "unsupported_media_type",
                    "The body must be JSON (Content-Type: application/json)");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new BadRequestException(400, "invalid_json", "The body is not valid JSON");
        }
        if (root == null || root.isNull()) {
            return Optional.empty();
        }
        if (!root.isObject()) {
            throw new BadRequestException(400, "invalid_body", "The body must be a JSON object");
        }
        JsonNode clickId = root.get("clickId");
        if (clickId == null || clickId.isNull()) {
            return Optional.empty();
        }
        if (!clickId.isTextual()) {
            throw new BadRequestException(400, "invalid_click_id", "clickId must be a string");
        }
        return Optional.of(check(clickId.textValue(), "clickId"));
    }

    private static String check(String clickId, String source) {
        if (!VALID.matcher(clickId).matches()) {
            throw new BadRequestException(400, "invalid_click_id", source + " " + RULE);
        }
        return clickId;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
