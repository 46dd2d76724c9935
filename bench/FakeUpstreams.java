import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Fakes of Clerk (Frontend API JWKS, Backend API GET user and PATCH metadata) and of Dub
 * ({@code POST /track/lead}) for the benchmark, each answering after a fixed delay. The delay is a
 * Vert.x timer on the event loop, never a sleeping thread, so that a few threads serve thousands of
 * concurrent calls and the fakes are not what limits the service.
 * <p>
 * Run from the packaged service's own libraries (Vert.x and Netty):
 * {@code java -cp "target/quarkus-app/lib/main/*" bench/FakeUpstreams.java <clerkPort> <dubPort> <delayMs> <jwks.json>}.
 * {@code GET /__stats} on either port answers the call counts as one line of text.
 */
public class FakeUpstreams {
    static final String CLERK_SECRET = "Bearer sk_test_bench";
    static final String DUB_KEY = "Bearer dub_bench";

    static final LongAdder JWKS = new LongAdder();
    static final LongAdder GET_USER = new LongAdder();
    static final LongAdder PATCH_METADATA = new LongAdder();
    static final LongAdder TRACK_LEAD = new LongAdder();
    static final LongAdder REFUSED = new LongAdder();

    /** Dub's 200 for a lead recorded on its link (the shape of Dub's OpenAPI TrackLeadResponse). */
    static final Buffer DUB_TRACKED = Buffer.buffer("{\"click\":{\"id\":\"clk_bench\"},\"link\":{\"id\":\"link_1JX8Z3MQWV0GX4Y2\","
            + "\"domain\":\"dub.sh\",\"key\":\"launch\",\"shortLink\":\"https://dub.sh/launch\","
            + "\"url\":\"https://app.example.com/\",\"partnerId\":null,\"programId\":null,\"tenantId\":null,"
            + "\"externalId\":null},\"customer\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\","
            + "\"avatar\":\"https://img.clerk.com/ada.png\",\"externalId\":\"user_x\"}}");

    public static void main(String[] args) throws Exception {
        int clerkPort = Integer.parseInt(args[0]);
        int dubPort = Integer.parseInt(args[1]);
        long delay = Long.parseLong(args[2]);
        Buffer jwks = Buffer.buffer(Files.readString(Path.of(args[3])));
        int loops = Integer.parseInt(System.getProperty("fake.event-loops", "2"));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(false));
        DeploymentOptions instances = new DeploymentOptions().setInstances(loops);
        vertx.deployVerticle(() -> new Server(clerkPort, delay, jwks, true), instances)
                .compose(ignored -> vertx.deployVerticle(() -> new Server(dubPort, delay, jwks, false), instances))
                .onSuccess(ignored -> System.out.println("fakes ready: clerk :" + clerkPort + " dub :" + dubPort
                        + " delay " + delay + " ms"))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    static final class Server extends AbstractVerticle {
        private final int port;
        private final long delay;
        private final Buffer jwks;
        private final boolean clerk;

        Server(int port, long delay, Buffer jwks, boolean clerk) {
            this.port = port;
            this.delay = delay;
            this.jwks = jwks;
            this.clerk = clerk;
        }

        @Override
        public void start(io.vertx.core.Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0))
                    .requestHandler(request -> request.body().onSuccess(body -> handle(request)))
                    .listen(port)
                    .<Void>mapEmpty()
                    .onComplete(started);
        }

        private void handle(HttpServerRequest request) {
            String path = request.path();
            if (path.equals("/__stats")) {
                request.response().end("jwks=" + JWKS.sum() + " get_user=" + GET_USER.sum() + " patch_metadata="
                        + PATCH_METADATA.sum() + " track_lead=" + TRACK_LEAD.sum() + " refused=" + REFUSED.sum() + "\n");
                return;
            }
            if (clerk && path.equals("/.well-known/jwks.json")) {
                JWKS.increment();
                later(request, 200, jwks);
                return;
            }
            if (clerk && path.startsWith("/v1/users/")) {
                if (!CLERK_SECRET.equals(request.getHeader("Authorization"))) {
                    refuse(request);
                    return;
                }
                String rest = path.substring("/v1/users/".length());
                if (request.method() == HttpMethod.GET && rest.indexOf('/') < 0) {
                    GET_USER.increment();
                    later(request, 200, Buffer.buffer(user(rest, false)));
                    return;
                }
                if (request.method() == HttpMethod.PATCH && rest.endsWith("/metadata")) {
                    PATCH_METADATA.increment();
                    later(request, 200, Buffer.buffer(user(rest.substring(0, rest.length() - "/metadata".length()), true)));
                    return;
                }
            }
            if (!clerk && path.equals("/track/lead") && request.method() == HttpMethod.POST) {
                if (!DUB_KEY.equals(request.getHeader("Authorization"))) {
                    refuse(request);
                    return;
                }
                TRACK_LEAD.increment();
                later(request, 200, DUB_TRACKED);
                return;
            }
            REFUSED.increment();
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"errors\":[{\"message\":\"not found\",\"long_message\":\"not found\",\"code\":\"resource_not_found\"}]}");
        }

        private void refuse(HttpServerRequest request) {
            REFUSED.increment();
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end("{\"errors\":[{\"message\":\"unauthorized\",\"long_message\":\"unauthorized\",\"code\":\"authentication_invalid\"}]}");
        }

        private void later(HttpServerRequest request, int status, Buffer body) {
            Runnable answer = () -> request.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json").end(body);
            if (delay <= 0) {
                answer.run();
            } else {
                vertx.setTimer(delay, id -> answer.run());
            }
        }
    }

    /** A Clerk Backend API {@code User} with every field its spec requires; the PATCH answer carries the click. */
    static String user(String id, boolean tracked) {
        long now = System.currentTimeMillis();
        String email = "idn_" + id.substring(Math.min(5, id.length()));
        return "{\"id\":\"" + id + "\",\"object\":\"user\",\"external_id\":null,\"primary_email_address_id\":\"" + email
                + "\",\"primary_phone_number_id\":null,\"primary_web3_wallet_id\":null,\"username\":\"ada\","
                + "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"image_url\":\"https://img.clerk.com/ada.png\","
                + "\"has_image\":true,\"public_metadata\":" + (tracked ? "{\"dubClickId\":\"clk_bench\"}" : "{}")
                + ",\"private_metadata\":{},\"unsafe_metadata\":{},\"email_addresses\":[{\"id\":\"" + email
                + "\",\"object\":\"email_address\",\"email_address\":\"ada@example.com\",\"reserved\":false,"
                + "\"verification\":{\"object\":\"verification_otp\",\"status\":\"verified\",\"strategy\":\"email_code\","
                + "\"attempts\":1,\"expire_at\":" + now + "},\"linked_to\":[],\"created_at\":" + now + ",\"updated_at\":"
                + now + "}],\"phone_numbers\":[],\"web3_wallets\":[],\"passkeys\":[],\"password_enabled\":true,"
                + "\"two_factor_enabled\":false,\"totp_enabled\":false,\"backup_code_enabled\":false,"
                + "\"mfa_enabled_at\":null,\"mfa_disabled_at\":null,\"external_accounts\":[],\"saml_accounts\":[],"
                + "\"enterprise_accounts\":[],\"last_sign_in_at\":" + now + ",\"banned\":false,\"locked\":false,"
                + "\"lockout_expires_in_seconds\":null,\"verification_attempts_remaining\":100,\"created_at\":" + now
                + ",\"updated_at\":" + now + ",\"delete_self_enabled\":true,\"create_organization_enabled\":true,"
                + "\"last_active_at\":" + now + ",\"legal_accepted_at\":null}";
    }
}
