package app.clerkdub.sandbox;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of Clerk's {@code PATCH /v1/users/{id}/metadata}: each field is deep-merged when present. */
record MetadataPatch(
        @JsonProperty("public_metadata") Map<String, Object> publicMetadata,
        @JsonProperty("private_metadata") Map<String, Object> privateMetadata,
        @JsonProperty("unsafe_metadata") Map<String, Object> unsafeMetadata) {
}
