package app.clerkdub.platform.upstream;

/** The two services this one depends on. */
public enum Upstream {
    CLERK("Clerk"),
    DUB("Dub");

    private final String displayName;

    Upstream(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
