package app.clerkdub.tls;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The counterpart of {@link UpstreamTlsTest}, in the same running service: Clerk's Backend API and Dub now
 * present a certificate that the trust store does not hold, at the URLs the service has, and the service refuses
 * them (the caller hears an upstream error, no request reaches them). So the trust is real: the service does
 * not accept any certificate, only the one it was configured to trust.
 */
@QuarkusTest
@WithTestResource(value = Fakes.class, initArgs = @ResourceArg(name = Fakes.TLS, value = Fakes.HTTPS))
class UntrustedUpstreamTest {

    @BeforeEach
    void presentTheUntrustedCertificate() {
        Fakes.present(Fakes.Tls.UNTRUSTED);
    }

    @AfterEach
    void presentTheTrustedOneAgain() {
        Fakes.present(Fakes.Tls.TRUSTED);
    }

    @Test
    void upstreamWithAnUntrustedCertificateIsAnUpstreamErrorNotALead() {
        assertEquals(Fakes.Tls.UNTRUSTED, Fakes.tls());
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();

        withBearer(session().sign())
                .cookie("dub_id", UpstreamTlsTest.CLICK)
                .post(PATH)
                .then().statusCode(either(equalTo(502)).or(equalTo(503)).or(equalTo(504)))
                .body("ok", equalTo(false))
                .body("error.code", equalTo("clerk_unavailable"))
                .body("error.message", containsString("SSLHandshakeException"));

        assertEquals(0, Fakes.clerk().requestCount(), "the handshake failed before any request");
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }
}
