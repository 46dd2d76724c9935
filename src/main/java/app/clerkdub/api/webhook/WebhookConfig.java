package app.clerkdub.api.webhook;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Clerk's webhook settings; {@code clerk.webhook.signing-secret} reads {@code CLERK_WEBHOOK_SIGNING_SECRET}. */
@ConfigMapping(prefix = "clerk.webhook")
public interface WebhookConfig {
    /**
     * The endpoint's signing secret from Clerk's dashboard ({@code whsec_} and base64). Unset, the service
     * has no webhook route at all: a deployment that does not use webhooks exposes nothing to guess at.
     */
    Optional<String> signingSecret();
}
