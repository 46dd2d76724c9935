package app.clerkdub.lambda;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, as AWS documents it ("Create a signed AWS API request"): the one thing an AWS API
 * call needs beyond HTTP. JDK only (MessageDigest, javax.crypto), so nothing for the native image to register
 * and no AWS SDK (its core, its HTTP client, its service model) for the one call {@link ParameterStore} makes.
 * SigV4Test checks it against AWS's published test-suite signatures.
 */
final class SigV4 {
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The function's credentials: the session token is there for the role's temporary ones. */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + "]"; // never the secret key or the token, in any message
        }
    }

    private SigV4() {
    }

    /**
     * The {@code Authorization} header of a request whose every header in {@code headers} (host and
     * x-amz-date among them) is signed. {@code canonicalQuery} is already sorted and encoded.
     */
    static String authorization(String method, String path, String canonicalQuery, Map<String, String> headers,
            byte[] body, Credentials credentials, String region, String service, Instant at) {
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value.strip()));
        String names = String.join(";", signed.keySet());
        String canonicalHeaders = signed.entrySet().stream().map(header -> header.getKey() + ":" + header.getValue() + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = String.join("\n", method, path, canonicalQuery, canonicalHeaders, names, hex(sha256(body)));
        String date = AMZ_DATE.format(at).substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = String.join("\n", ALGORITHM, AMZ_DATE.format(at), scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        return ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope + ", SignedHeaders=" + names
                + ", Signature=" + signature;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
