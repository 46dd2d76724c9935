package app.clerkdub.fakes;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import app.clerkdub.sandbox.Simulation;

/**
 * A fake's answers that come from the sandbox's {@link Simulation}: stubs that {@link #answer()} are served by
 * it. Each fake puts one of them behind every stub of a test ({@link #LAST}), so that what a test does not
 * answer itself is answered as Clerk or Dub would.
 */
final class Simulated implements ResponseDefinitionTransformerV2 {
    /** Below WireMock's default priority (5): a test's own stubs come first. */
    static final int LAST = 10;
    private static final String NAME = "simulation";
    private final Route route;

    /** One API of the simulation: {@link Simulation#clerk} or {@link Simulation#dub}. */
    interface Route {
        Response answer(String method, String path, String authorization, String body);
    }

    Simulated(Route route) {
        this.route = route;
    }

    /** A stub's answer: whatever the simulation answers to the request. */
    static ResponseDefinitionBuilder answer() {
        return ResponseDefinitionBuilder.responseDefinition().withTransformers(NAME);
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        Response answer = route.answer(request.getMethod().getName(), URI.create(request.getUrl()).getPath(),
                request.getHeader("Authorization"), request.getBodyAsString());
        Object entity = answer.getEntity();
        // The stub's delay, if any, holds the simulation's answer back as it would hold a canned one.
        ResponseDefinitionBuilder definition = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(answer.getStatus())
                .withFixedDelay(event.getResponseDefinition().getFixedDelayMilliseconds());
        return entity == null ? definition.build() : definition.withHeader("Content-Type", "application/json")
                .withBody(entity instanceof String text ? text : ClerkFake.write(entity)).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
