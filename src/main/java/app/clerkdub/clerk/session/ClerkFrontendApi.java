package app.clerkdub.clerk.session;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** Clerk's Frontend API, for the readiness check only: quarkus-oidc fetches the keys itself. */
@Path("/.well-known/jwks.json")
@RegisterRestClient(configKey = "clerk-frontend")
public interface ClerkFrontendApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Jwks> jwks();

    record Jwks(List<Key> keys) {
        record Key(String kid, String kty) {
        }

        boolean hasRsaKey() {
            return keys != null && keys.stream().anyMatch(key -> "RSA".equals(key.kty()));
        }
    }
}
