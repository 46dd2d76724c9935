package app.clerkdub.platform.upstream;

/** The two services this one depends on; names the error code a caller sees when one of them fails. */
public enum Upstream {
    CLERK("clerk_unavailable", "Clerk"),
    DUB("dub_unavailable", "Dub");

    private final String errorCode;
    private final String displayName;

    Upstream(String errorCode, String displayName) {
        this.errorCode = errorCode;
        this.displayName = displayName;
    }

    public String errorCode() {
        return errorCode;
    }

    public String displayName() {
        return displayName;
    }
}
