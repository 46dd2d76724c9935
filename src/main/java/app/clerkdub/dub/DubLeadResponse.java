package app.clerkdub.dub;

/** Dub's answer to a tracked lead. {@code link} is null when Dub saw this lead within the last 7 days. */
public record DubLeadResponse(Click click, Link link) {

    public record Click(String id) {
    }

    public record Link(String id, String domain, String key) {
    }
}
