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
    // The framework's own refusals, named by their reason phrase.
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

    /** The framework's refusal of this status, by its reason phrase ({@code Not Found} is {@code not_found}). */
    static ErrorCode ofReason(String reasonPhrase) {
        String name = reasonPhrase.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        for (ErrorCode code : values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return REQUEST_REFUSED;
    }

    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
