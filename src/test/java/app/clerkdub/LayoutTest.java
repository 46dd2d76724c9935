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
 * The house rules of the main code, checked on every build: floors by domain (webhook → door → lead →
 * clerk | dub → upstream → state; logging, metrics), nothing pointing back up or across, no class over 200 lines and no
 * folder over a quarter of the code, a folder counting everything under it (clerk/ with clerk/settings/).
 */
class LayoutTest {
    static final Path MAIN = Path.of("src", "main", "java", "app", "clerkdub");
    static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?app\\.clerkdub\\.(\\w+)");
    /**
     * The top-level packages each package may import (besides its own). The webhook, a way in that is a plain
     * route, passes the door's error policy and deadline explicitly; the door answers for the lead flow's
     * refusals, so it sits above the flow; the endpoint (lead) is reached through the door by the framework
     * and imports none of it.
     */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "webhook", Set.of("door", "lead", "clerk", "dub", "upstream", "state", "logging"),
            "door", Set.of("lead", "clerk", "dub", "upstream", "state", "logging"),
            "lead", Set.of("clerk", "dub", "upstream", "state", "logging"),
            "clerk", Set.of("upstream", "state", "logging"),
            "dub", Set.of("upstream", "state", "logging"),
            "upstream", Set.of("state"),
            "state", Set.of(),
            "metrics", Set.of(),
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
    void noClassOver200LinesAndNoFolderOverAQuarter() {
        Map<String, Long> linesByFolder = new TreeMap<>();
        long total = 0;
        Set<String> tooLong = new TreeSet<>();
        for (Path file : javaFiles()) {
            long lines = read(file).lines().count();
            if (lines > 200) {
                tooLong.add(MAIN.relativize(file) + ": " + lines);
            }
            total += lines;
            // Every folder the file is in, up to the top-level one: a package's lines include its subpackages'.
            for (Path folder = MAIN.relativize(file).getParent(); folder != null; folder = folder.getParent()) {
                linesByFolder.merge(folder.toString().replace('\\', '/'), lines, Long::sum);
            }
        }
        assertEquals(Set.of(), tooLong, "classes over 200 lines");
        long all = total;
        Map<String, Long> tooBig = linesByFolder.entrySet().stream().filter(entry -> entry.getValue() * 4 > all)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), tooBig, "folders over a quarter of " + all + " lines: " + linesByFolder);
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
