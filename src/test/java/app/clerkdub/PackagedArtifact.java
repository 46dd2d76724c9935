package app.clerkdub;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the build made, as Quarkus records it in {@code target/quarkus-artifact.properties}: its {@code type}
 * (jar, native, ...) and {@code path} (relative to target/). The integration tests that start the artifact
 * themselves read it here, so that they run whatever was built rather than assume the fast-jar.
 */
record PackagedArtifact(String type, Path path) {
    static final Path TARGET = Path.of("target");
    static final Path PROPERTIES = TARGET.resolve("quarkus-artifact.properties");

    static Optional<PackagedArtifact> read() {
        if (!Files.isRegularFile(PROPERTIES)) {
            return Optional.empty();
        }
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = artifact.getProperty("type");
        String path = artifact.getProperty("path");
        if (type == null || path == null) {
            return Optional.empty();
        }
        return Optional.of(new PackagedArtifact(type, TARGET.resolve(path)));
    }

    /** The command that starts it: {@code java -jar} for a jar, the binary itself for a native build. */
    Optional<List<String>> command() {
        return switch (type) {
            case "jar" -> Optional.of(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", path.toAbsolutePath().toString()));
            case "native" -> Optional.of(List.of(path.toAbsolutePath().toString()));
            default -> Optional.empty();
        };
    }
}
