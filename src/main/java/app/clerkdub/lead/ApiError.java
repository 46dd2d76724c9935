package app.clerkdub.lead;

/** The body of every error: {@code {"ok":false,"error":{"code":"...","message":"..."}}}. */
public record ApiError(boolean ok, Detail error) {

    public record Detail(String code, String message) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(false, new Detail(code, message));
    }
}
