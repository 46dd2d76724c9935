import java.io.BufferedWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mints the benchmark's Clerk-shaped session tokens (RS256, 2048-bit key, v2 claims, the same shape as
 * the test suite's SessionTokens) and the JWKS the fake Frontend API serves. JDK only, so it runs as
 * {@code java bench/MintTokens.java <dir> <issuer> <ttlSeconds> <fastCount> <fullCount>}.
 * <p>
 * Writes into {@code dir}: {@code jwks.json}, {@code key.pk8} (the private key, reused by later runs so
 * that earlier tokens stay valid), {@code fast-repeated.txt} (one token whose metadata says
 * {@code dubClickId}), {@code fast-fresh.txt} and {@code full.txt} (one token a line, each for its own
 * user: metadata with and without {@code dubClickId}).
 */
public class MintTokens {
    static final String KID = "ins_bench_key_1";
    static final String ORIGIN = "https://app.example.com";
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        long ttl = Long.parseLong(args[2]);
        int fastCount = Integer.parseInt(args[3]);
        int fullCount = Integer.parseInt(args[4]);
        Files.createDirectories(dir);

        KeyPair keys = keys(dir);
        Files.writeString(dir.resolve("jwks.json"), jwks((RSAPublicKey) keys.getPublic()));

        long now = Instant.now().getEpochSecond();
        long exp = now + ttl;
        String run = Long.toString(now, 36);
        write(dir.resolve("fast-repeated.txt"), keys.getPrivate(), issuer, now, exp, "rep" + run, 1, true);
        write(dir.resolve("fast-fresh.txt"), keys.getPrivate(), issuer, now, exp, "fast" + run, fastCount, true);
        write(dir.resolve("full.txt"), keys.getPrivate(), issuer, now, exp, "full" + run, fullCount, false);
        Files.writeString(dir.resolve("tokens.exp"), Long.toString(exp) + "\n");
    }

    static KeyPair keys(Path dir) throws Exception {
        Path pk8 = dir.resolve("key.pk8");
        Path pub = dir.resolve("key.pub");
        if (Files.exists(pk8) && Files.exists(pub)) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new KeyPair(rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(pub))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(pk8))));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.write(pk8, keys.getPrivate().getEncoded());
        Files.write(pub, keys.getPublic().getEncoded());
        return keys;
    }

    static void write(Path file, PrivateKey key, String issuer, long now, long exp, String prefix, int count,
            boolean tracked) throws Exception {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String[]>> parts = new ArrayList<>();
        int chunk = (count + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int from = t * chunk;
            int to = Math.min(count, from + chunk);
            parts.add(pool.submit(() -> {
                Signature rs256 = Signature.getInstance("SHA256withRSA");
                String[] out = new String[Math.max(0, to - from)];
                for (int i = from; i < to; i++) {
                    out[i - from] = token(rs256, key, issuer, now, exp, prefix + "_" + i, tracked);
                }
                return out;
            }));
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (Future<String[]> part : parts) {
                for (String token : part.get()) {
                    writer.write(token);
                    writer.write('\n');
                }
            }
        }
        pool.shutdown();
    }

    static String token(Signature rs256, PrivateKey key, String issuer, long now, long exp, String id,
            boolean tracked) throws Exception {
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}";
        String metadata = tracked ? "{\"dubClickId\":\"clk_bench\"}" : "{}";
        String claims = "{\"azp\":\"" + ORIGIN + "\",\"exp\":" + exp + ",\"fva\":[0,-1],\"iat\":" + (now - 1)
                + ",\"iss\":\"" + issuer + "\",\"metadata\":" + metadata + ",\"nbf\":" + (now - 10)
                + ",\"sid\":\"sess_" + id + "\",\"sub\":\"user_" + id + "\",\"v\":2}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        rs256.initSign(key);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(rs256.sign());
    }

    static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"use\":\"sig\",\"kty\":\"RSA\",\"kid\":\"" + KID + "\",\"alg\":\"RS256\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}]}";
    }

    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return B64.encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }
}
