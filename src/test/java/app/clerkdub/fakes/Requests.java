package app.clerkdub.fakes;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the endpoint as an SPA sends them. */
public final class Requests {
    public static final String PATH = "/api/track-lead";

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
