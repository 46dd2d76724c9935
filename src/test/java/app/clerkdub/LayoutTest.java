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
 * The house rules of the main code, checked on every build: the doors at the edge (api/http, api/webhook), the core
 * in the middle (lead), the clients below (clerk, dub), the platform at the bottom (settings, upstream, state,
 * logging, metrics); nothing points back up or across, no class is over 200 lines and no room over a quarter of
 * the code, a room counting everything under it.
 */
class LayoutTest {
    static final Path MAIN = Path.of("src", "main", "java", "app", "clerkdub");
    static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?app\\.clerkdub\\.((?:api|platform)\\.\\w+|\\w+)");
    static final Set<String> PLATFORM = Set.of("platform.settings", "platform.upstream", "platform.state",
            "platform.logging", "platform.metrics");
    /**
     * The rooms each room may import (besides its own). The webhook answers failures by the error policy, which the
     * HTTP door holds; the core imports neither door; the platform knows nothing of the service's domain.
     */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "api.webhook", union(Set.of("api.http", "lead", "clerk", "dub"), PLATFORM),
            "api.http", union(Set.of("lead", "clerk", "dub"), PLATFORM),
            "lead", union(Set.of("clerk", "dub"), PLATFORM),
            "clerk", PLATFORM,
            "dub", PLATFORM,
            "platform.settings", Set.of("platform.state", "platform.upstream"),
            "platform.upstream", Set.of("platform.state"),
            "platform.state", Set.of(),
            "platform.logging", Set.of(),
            "platform.metrics", Set.of());

    static Set<String> union(Set<String> some, Set<String> more) {
        Set<String> all = new TreeSet<>(some);
        all.addAll(more);
        return all;
    }

    /** The room a file is in: its top-level package, or, under api/ and platform/, the package below. */
    static String room(Path file) {
        Path relative = MAIN.relativize(file);
        String top = relative.getName(0).toString();
        return (top.equals("api") || top.equals("platform")) && relative.getNameCount() > 2
                ? top + "." + relative.getName(1) : top;
    }

    @Test
    void importsPointOnlyDownTheFloors() {
        Set<String> wrong = new TreeSet<>();
        for (Path file : javaFiles()) {
            String top = room(file);
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
    void noClassOver200LinesAndNoRoomOverAQuarter() {
        Map<String, Long> linesByFolder = new TreeMap<>();
        long total = 0;
        Set<String> tooLong = new TreeSet<>();
        for (Path file : javaFiles()) {
            long lines = read(file).lines().count();
            if (lines > 200) {
                tooLong.add(MAIN.relativize(file) + ": " + lines);
            }
            total += lines;
            // A room's lines include its subpackages' (clerk/ with clerk/session/); api/ and platform/ are floors of rooms.
            linesByFolder.merge(room(file), lines, Long::sum);
        }
        assertEquals(Set.of(), tooLong, "classes over 200 lines");
        long all = total;
        Map<String, Long> tooBig = linesByFolder.entrySet().stream().filter(entry -> entry.getValue() * 4 > all)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), tooBig, "rooms over a quarter of " + all + " lines: " + linesByFolder);
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
