package app.clerkdub.api.http;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import app.clerkdub.platform.upstream.Upstream;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code error.code} of every error answer, of the endpoint and of the webhook alike, and the word its log
 * line and metric use. Written in snake case; Jackson reads {@link #wireValue()} by reflection, hence the
 * annotation for the native binary.
 */
@RegisterForReflection
public enum ErrorCode {
    INVALID_JSON,
    INVALID_BODY,
    INVALID_CLICK_ID,
    UNAUTHORIZED,
    /** A webhook delivery not signed by Clerk with this endpoint's secret. */
    INVALID_SIGNATURE,
    SESSION_PENDING,
    USER_NOT_FOUND,
    PAYLOAD_TOO_LARGE,
    /** The user's flows, or the address's refused tokens, went over their budget. */
    RATE_LIMITED,
    /** Too many users' flows under way on this instance. */
    BUSY,
    CLERK_UNAVAILABLE,
    DUB_UNAVAILABLE,
    /** The whole request ran past its deadline. */
    UPSTREAM_TIMEOUT,
    INTERNAL_ERROR,
    // The framework's own refusals, named after their status.
    BAD_REQUEST,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    REQUEST_ENTITY_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    /** Any other refusal of the framework's. */
    REQUEST_REFUSED;

    /** The code a caller sees when an upstream fails. */
    public static ErrorCode of(Upstream upstream) {
        return switch (upstream) {
            case CLERK -> CLERK_UNAVAILABLE;
            case DUB -> DUB_UNAVAILABLE;
        };
    }

    /** The framework's refusal of this status ({@code 404} is {@code not_found}). */
    static ErrorCode ofStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_ENTITY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> REQUEST_REFUSED;
        };
    }

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
