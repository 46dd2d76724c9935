package app.clerkdub.lead;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every error: {@code {"ok":false,"error":{"code":"...","message":"..."}}}.
 * <p>
 * Only exception mappers return it, and the build registers no mapper's entity for reflection: without
 * the annotation (which covers {@link Detail} too) the native binary could not write it.
 */
@RegisterForReflection
public record ApiError(boolean ok, Detail error) {

    public record Detail(String code, String message) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(false, new Detail(code, message));
    }
}
