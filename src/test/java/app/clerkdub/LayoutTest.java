package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The house rules of the main code, checked on every build: floors by domain (lead → clerk | dub →
 * upstream, web, logging), nothing pointing back up or across, no class over 200 lines and no package
 * over a quarter of the code.
 */
class LayoutTest {
    static final Path MAIN = Path.of("src", "main", "java", "app", "clerkdub");
    static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?app\\.clerkdub\\.(\\w+)");
    /** The top-level packages each package may import (besides its own). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "lead", Set.of("clerk", "dub", "upstream", "web", "logging"),
            "webhook", Set.of("lead", "clerk", "dub", "upstream", "web", "logging"),
            "clerk", Set.of("upstream", "web", "logging"),
            "dub", Set.of("upstream", "web", "logging"),
            "upstream", Set.of(),
            "web", Set.of(),
            "logging", Set.of());

    @Test
    void importsPointOnlyDownTheFloors() {
        Set<String> wrong = new TreeSet<>();
        for (Path file : javaFiles()) {
            String top = MAIN.relativize(file).getName(0).toString();
            Matcher imported = IMPORT.matcher(read(file));
            while (imported.find()) {
                String target = imported.group(1);
                if (!target.equals(top) && !ALLOWED.getOrDefault(top, Set.of()).contains(target)) {
                    wrong.add(MAIN.relativize(file) + " imports " + target);
                }
            }
        }
        assertEquals(Set.of(), wrong);
    }

    @Test
    void noClassOver200LinesAndNoPackageOverAQuarter() {
        Map<String, Long> linesByPackage = new TreeMap<>();
        Set<String> tooLong = new TreeSet<>();
        for (Path file : javaFiles()) {
            long lines = read(file).lines().count();
            if (lines > 200) {
                tooLong.add(MAIN.relativize(file) + ": " + lines);
            }
            linesByPackage.merge(MAIN.relativize(file.getParent()).toString(), lines, Long::sum);
        }
        assertEquals(Set.of(), tooLong, "classes over 200 lines");
        long total = linesByPackage.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> tooBig = linesByPackage.entrySet().stream().filter(entry -> entry.getValue() * 4 > total)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), tooBig, "packages over a quarter of " + total + " lines: " + linesByPackage);
    }

    static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
