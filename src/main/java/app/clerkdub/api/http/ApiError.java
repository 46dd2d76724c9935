package app.clerkdub.api.http;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every error, of the endpoint and of the webhook: {@code {"ok":false,"error":{"code":"...",
 * "message":"..."}}}.
 * <p>
 * Written by exception mappers and by {@link JsonAnswers} outside the REST layer, and the build registers
 * neither for reflection: without the annotation (which covers {@link Detail} too) the native binary could
 * not write it.
 * <p>
 * The OpenAPI document describes it once, as {@code ApiError} in META-INF/openapi.yaml, and the endpoint's and
 * the webhook's responses refer to it by that name: the endpoint sits a floor below the door.
 */
@RegisterForReflection
public record ApiError(boolean ok, Detail error) {

    public record Detail(ErrorCode code, String message) {
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(false, new Detail(code, message));
    }
}
