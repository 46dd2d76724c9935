package app.clerkdub.sandbox;

import java.util.Map;

/** A sandbox Clerk user: what it holds, and {@link #toClerkJson()} in the Backend API's {@code User} shape ({@link ClerkUserJson}). */
record SandboxUser(String id, String firstName, String lastName, String email,
        Map<String, Object> publicMetadata, Map<String, Object> privateMetadata, Map<String, Object> unsafeMetadata,
        long createdAt, long updatedAt) {

    SandboxUser withMetadata(Map<String, Object> publicMeta, Map<String, Object> privateMeta,
            Map<String, Object> unsafeMeta, long now) {
        return new SandboxUser(id, firstName, lastName, email, publicMeta, privateMeta, unsafeMeta,
                createdAt, now);
    }

    Map<String, Object> toClerkJson() {
        return ClerkUserJson.of(new ClerkUserJson.Parts(id, null, firstName, lastName, email,
                "https://img.clerk.com/sandbox/" + id + ".png", publicMetadata, privateMetadata, unsafeMetadata,
                createdAt, updatedAt));
    }
}
