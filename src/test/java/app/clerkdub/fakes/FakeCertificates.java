package app.clerkdub.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for the fakes served over HTTPS, made at test start with the JDK's keytool (no
 * key material is checked in; each is valid for a week): a trusted one, whose certificate is
 * the only entry of {@link #trustStore()}, and an untrusted one, which nothing trusts. Both name
 * {@code localhost} (DNS and IP), so hostname verification stays on. The files are PKCS#12, in
 * {@code target/fake-tls/}, where the packaged jar started by the integration tests reads them too.
 */
public final class FakeCertificates {
    public static final String PASSWORD = "fake-tls-password";
    static final Path DIR = Path.of("target", "fake-tls");
    private static Path trusted;
    private static Path untrusted;
    private static Path trustStore;

    private FakeCertificates() {
    }

    /** The key store (key and certificate) of the fakes that the service trusts. */
    public static synchronized Path trusted() {
        make();
        return trusted;
    }

    /** The key store of fakes that the service must refuse: a certificate no trust store holds. */
    public static synchronized Path untrusted() {
        make();
        return untrusted;
    }

    /** The trust store that the service is configured with: the trusted certificate, nothing else. */
    public static synchronized Path trustStore() {
        make();
        return trustStore;
    }

    private static void make() {
        if (trustStore != null) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            Path dir = Files.createTempDirectory(DIR, "run-");
            Path trustedStore = dir.resolve("trusted.p12");
            Path untrustedStore = dir.resolve("untrusted.p12");
            Path certificate = dir.resolve("trusted.crt");
            Path trust = dir.resolve("trust.p12");
            keyPair(trustedStore, "trusted fake");
            keyPair(untrustedStore, "untrusted fake");
            keytool("-exportcert", "-rfc", "-alias", "fake", "-keystore", trustedStore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "fake", "-file", certificate.toString(),
                    "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            trusted = trustedStore;
            untrusted = untrustedStore;
            trustStore = trust;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keyPair(Path store, String organisation) {
        keytool("-genkeypair", "-alias", "fake", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                "-dname", "CN=localhost, O=" + organisation, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
