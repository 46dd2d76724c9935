package app.clerkdub.fakes;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the endpoint as an SPA sends them. */
public final class Requests {
    public static final String PATH = "/api/track-lead";
    /**
     * The system property that names the artifact under test where it is not the container's: {@value #LAMBDA}
     * in the Lambda build's run ({@code -Plambda}). A test that cannot apply there is skipped with
     * {@code @DisabledIfSystemProperty(named = ARTIFACT, matches = LAMBDA, disabledReason = "why")}.
     */
    public static final String ARTIFACT = "clerkdub.artifact";
    public static final String LAMBDA = "lambda";
    /** Why a {@code @QuarkusIntegrationTest} is skipped on Lambda. */
    public static final String NO_PORT_ON_LAMBDA = "starts the packaged application and calls its HTTP port; the "
            + "Lambda function listens on none (LambdaFunctionIT runs target/function.zip as Lambda does)";
    /** Why a test of calls that overlap inside one instance is skipped on Lambda. */
    public static final String ONE_EVENT_AT_A_TIME = "needs calls that overlap inside one instance; Lambda hands an "
            + "execution environment one event at a time, so they never do there (overlapping calls land in "
            + "separate environments, each with its own memory)";
    /** Why the browser tests are skipped on Lambda. */
    public static final String SANDBOX_INSIDE_THE_FUNCTION = "the sandbox plays Clerk and Dub inside the application, so "
            + "the function would call itself while it handles the event that calls them, and a function handles one "
            + "event at a time; the page's calls on Lambda are covered by the API Gateway event tests";
    /** Why the tests that send API Gateway events are skipped on the container's build. */
    public static final String EVENTS_ON_LAMBDA_ONLY = "sends API Gateway events, which only the Lambda build "
            + "(-Plambda) takes";
    /** Why a test that reads health, metrics or the OpenAPI document is skipped on Lambda. */
    public static final String NO_MANAGEMENT_ON_LAMBDA = "reads the management interface (health, metrics, "
            + "OpenAPI), which a Lambda function does not start: it answers events, it listens on no port";

    private Requests() {
    }

    /** A cross-origin call: Bearer token, Origin of the SPA. */
    public static RequestSpecification withBearer(String token) {
        return withBearer(token, SessionTokens.ALLOWED_ORIGIN);
    }

    public static RequestSpecification withBearer(String token, String origin) {
        return given().header("Authorization", "Bearer " + token).header("Origin", origin);
    }

    /** A same-site call: the session travels in the {@code __session} cookie. */
    public static RequestSpecification withSessionCookie(String token) {
        return given().cookie("__session", token).header("Origin", SessionTokens.ALLOWED_ORIGIN);
    }

    /** A request to the management interface: health, metrics, the OpenAPI document. */
    public static RequestSpecification management() {
        return given().baseUri("http://localhost").port(Fakes.managementPort()).basePath("/q");
    }

    public static RequestSpecification jsonBody(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body);
    }
}
