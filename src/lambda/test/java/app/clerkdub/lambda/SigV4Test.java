package app.clerkdub.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The signer against AWS's published Signature Version 4 test suite (its example credentials and time). */
class SigV4Test {
    static final SigV4.Credentials EXAMPLE = new SigV4.Credentials("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
    static final Map<String, String> HEADERS = Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z");

    @Test
    void getVanilla() {
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                SigV4.authorization("GET", "/", "", HEADERS, new byte[0], EXAMPLE, "us-east-1", "service", AT));
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        String authorization = SigV4.authorization("GET", "/", "Param1=value1&Param2=value2", HEADERS, new byte[0],
                EXAMPLE, "us-east-1", "service", AT);
        assertEquals("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
                authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
    }

    @Test
    void theCredentialsNeverPrintTheirSecretParts() {
        String shown = new SigV4.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token-value").toString();
        assertEquals("Credentials[AKIDEXAMPLE]", shown);
    }
}
