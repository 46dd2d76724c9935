package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.Requests.withSessionCookie;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.clerkdub.fakes.ClerkFake.User;
import app.clerkdub.fakes.Fakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The second call with a token that says "tracked" is answered before authentication, and that answer
 * is the endpoint's to the byte: status, body and every header. Whatever the endpoint would answer
 * differently (a body or cookie it refuses, an Accept it cannot meet, a token not tracked) is left to it.
 * {@code AlreadyTrackedShortcutIT} runs the same against the packaged jar.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class AlreadyTrackedShortcutTest {
    private static final Map<String, Object> TRACKED = Map.of("dubClickId", "clk_earlier");

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(User.named(USER_ID));
        Fakes.dub().givenLeadTracked();
    }

    @Test
    void repeatedTrackedTokenGetsTheEndpointsAnswerFromTheShortcut() {
        String token = session().metadata(TRACKED).sign();
        Answer endpoint = Answer.of(withBearer(token).post(PATH));
        long before = answered();
        Answer early = Answer.of(withBearer(token).post(PATH));

        assertEquals(before + 1, answered());
        assertEquals(200, endpoint.status());
        assertEquals("{\"ok\":true,\"status\":\"already_tracked\"}", endpoint.body());
        assertEquals(endpoint, early);
        assertFalse(early.headers().containsKey("set-cookie"), "the dub_id cookie is left alone");
        assertEquals(0, Fakes.clerk().requestCount());
    }

    @Test
    void tokenInTheSessionCookieIsAnsweredTheSameWay() {
        String token = session().metadata(TRACKED).sign();
        Answer endpoint = Answer.of(withSessionCookie(token).post(PATH));
        long before = answered();

        assertEquals(endpoint, Answer.of(withSessionCookie(token).post(PATH)));
        assertEquals(before + 1, answered());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"clickId\":\"clk_1\"}", "{}", "null", " " })
    void acceptedBodiesAreAnsweredByTheShortcut(String body) {
        String token = session().metadata(TRACKED).sign();
        Function<RequestSpecification, RequestSpecification> send = request -> request.contentType(ContentType.JSON)
                .cookie("dub_id", "clk_cookie").body(body);
        Answer endpoint = Answer.of(send.apply(withBearer(token)).post(PATH));
        long before = answered();

        assertEquals(endpoint, Answer.of(send.apply(withBearer(token)).post(PATH)));
        assertEquals(200, endpoint.status());
        assertEquals(before + 1, answered());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"clickId\":", "[]", "{\"clickId\":42}", "{\"clickId\":\"a b\"}" })
    void refusedBodiesReachTheEndpointIntact(String body) {
        String token = session().metadata(TRACKED).sign();
        Function<RequestSpecification, RequestSpecification> send = request -> request.contentType(ContentType.JSON).body(body);
        Answer first = Answer.of(send.apply(withBearer(token)).post(PATH));
        long before = answered();
        Answer second = Answer.of(send.apply(withBearer(token)).post(PATH));

        // Had the body been lost on the way, the endpoint would have seen none and answered 200.
        assertEquals(400, second.status());
        assertEquals(first, second);
        assertEquals(before, answered());
    }

    @Test
    void chunkedBodyIsLeftToTheEndpoint() throws Exception {
        String token = session().metadata(TRACKED).sign();
        HttpResponse<String> first = postChunked(token, "{\"clickId\":\"clk_1\"}");
        long before = answered();
        HttpResponse<String> second = postChunked(token, "{\"clickId\":\"clk_1\"}");

        assertEquals(200, first.statusCode());
        assertEquals(first.body(), second.body());
        assertEquals(before, answered());
    }

    /** A body of unknown length: the JDK client sends it chunked, with no Content-Length. */
    private static HttpResponse<String> postChunked(String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + PATH))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bodyThatIsNotJsonIsStillUnsupported() {
        String token = session().metadata(TRACKED).sign();
        Function<RequestSpecification, RequestSpecification> send = request -> request.contentType(ContentType.TEXT)
                .body("clickId=clk_1");
        Answer first = Answer.of(send.apply(withBearer(token)).post(PATH));
        long before = answered();

        assertEquals(first, Answer.of(send.apply(withBearer(token)).post(PATH)));
        assertEquals(415, first.status());
        assertEquals(before, answered());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dub_id=has space", "dub_id=\"clk_1\"", "dub_id=clk_1; dub_id=clk!2" })
    void cookiesAreJudgedAsTheEndpointJudgesThem(String cookie) {
        String token = session().metadata(TRACKED).sign();
        Answer first = Answer.of(withBearer(token).header("Cookie", cookie).post(PATH));

        assertEquals(first, Answer.of(withBearer(token).header("Cookie", cookie).post(PATH)));
    }

    @Test
    void acceptThatRulesOutJsonIsLeftToTheEndpoint() {
        String token = session().metadata(TRACKED).sign();
        Answer first = Answer.of(withBearer(token).accept("text/html").post(PATH));
        long before = answered();

        assertEquals(first, Answer.of(withBearer(token).accept("text/html").post(PATH)));
        assertEquals(before, answered());
    }

    @Test
    void tokenThatIsNotTrackedGoesThroughTheFlowEachTime() {
        String token = session().sign();
        long before = answered();

        withBearer(token).cookie("dub_id", "clk_1").post(PATH).then().statusCode(200);
        withBearer(token).cookie("dub_id", "clk_1").post(PATH).then().statusCode(200);

        assertEquals(before, answered());
        assertEquals(2, Fakes.clerk().userReads().size());
    }

    @Test
    void otherPathsAndMethodsAreNotAnswered() {
        String token = session().metadata(TRACKED).sign();
        withBearer(token).post(PATH).then().statusCode(200);
        long before = answered();

        given().header("Authorization", "Bearer " + token).get(PATH).then().statusCode(405);
        withBearer(token).post(PATH + "/").then();
        withBearer(token).post("/api/other").then();

        assertEquals(before, answered());
    }

    /** Answers given by the shortcut so far, as the service counts them at /q/metrics (management port). */
    private static long answered() {
        String metrics = OperationsTest.management().get("/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("(?m)^leads_shortcut_answers_total(?:\\{[^}]*\\})? ([0-9.E]+)$").matcher(metrics);
        assertTrue(count.find(), "leads_shortcut_answers_total is published");
        return (long) Double.parseDouble(count.group(1));
    }

    /** What a client sees of an answer, less the Date header. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(Response response) {
            Map<String, String> headers = new TreeMap<>();
            for (Header header : response.headers()) {
                if (!header.getName().equalsIgnoreCase("date")) {
                    headers.merge(header.getName().toLowerCase(), header.getValue(), (a, b) -> a + "\n" + b);
                }
            }
            return new Answer(response.statusCode(), response.body().asString(), headers);
        }
    }
}
