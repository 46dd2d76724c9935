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
 * logging, metrics); nothing points back up or across, no class is over 200 lines of its own (the classes nested in
 * it measured apart), no file over 400, and no room over a quarter of the code, a room counting everything under it.
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
    void noClassOver200LinesNoFileOver400AndNoRoomOverAQuarter() {
        Map<String, Long> linesByFolder = new TreeMap<>();
        long total = 0;
        Set<String> tooLong = new TreeSet<>();
        Set<String> tooBigFiles = new TreeSet<>();
        for (Path file : javaFiles()) {
            List<String> lines = read(file).lines().toList();
            classLines(lines).forEach((type, own) -> {
                if (own > 200) {
                    tooLong.add(MAIN.relativize(file) + " " + type + ": " + own);
                }
            });
            if (lines.size() > 400) {
                tooBigFiles.add(MAIN.relativize(file) + ": " + lines.size());
            }
            total += lines.size();
            // A room's lines include its subpackages' (clerk/ with clerk/session/); api/ and platform/ are floors of
            // rooms.
            linesByFolder.merge(room(file), (long) lines.size(), Long::sum);
        }
        assertEquals(Set.of(), tooLong, "classes over 200 lines of their own");
        assertEquals(Set.of(), tooBigFiles, "files over 400 lines");
        long all = total;
        Map<String, Long> tooBig = linesByFolder.entrySet().stream().filter(entry -> entry.getValue() * 4 > all)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), tooBig, "rooms over a quarter of " + all + " lines: " + linesByFolder);
    }

    @Test
    void aClassIsMeasuredWithoutTheClassesNestedInIt() {
        List<String> file = List.of("public class Outer {", "    int a;", "    static class Inner {", "        int b;",
                "        int c;", "    }", "}");
        assertEquals(Map.of("Outer", 3L, "Outer.Inner", 4L), classLines(file));
    }

    @Test
    void aOneLineTypeAndATrailingSpaceEndWhereTheyShould() {
        List<String> file = List.of("public class Outer {", "    record Point(int x, int y) {}", "    enum Kind {",
                "        A, B", "    }   ", "    int a;", "}");
        assertEquals(Map.of("Outer", 3L, "Outer.Point", 1L, "Outer.Kind", 3L), classLines(file));
    }

    /** A type declaration, as the code is formatted: its indent, then modifiers and annotations, then its kind. */
    static final Pattern TYPE = Pattern.compile(
            "^( *)(?:[@\\w]+(?:\\([^)]*\\))? )*(?:class|record|interface|enum) (\\w+)");

    /**
     * Each type's own lines, from its declaration to its closing brace at the same indent, less the lines of the types
     * nested in it, which are measured on their own: a file may hold a class and the small ones that serve it.
     */
    static Map<String, Long> classLines(List<String> lines) {
        Map<String, Long> own = new TreeMap<>();
        measure(lines, 0, lines.size(), "", own);
        return own;
    }

    /** Where a type's body begins: its line ends with an opening brace, or holds the whole body ({@code {}}). */
    private static boolean opens(String line) {
        String code = line.replaceAll("//.*", "").stripTrailing();
        return code.endsWith("{") || closesOnItsLine(code);
    }

    private static boolean closesOnItsLine(String line) {
        String code = line.replaceAll("//.*", "").stripTrailing();
        return code.endsWith("{}") || code.endsWith("{ }");
    }

    private static long measure(List<String> lines, int from, int to, String outer, Map<String, Long> own) {
        long nestedLines = 0;
        for (int i = from; i < to; i++) {
            Matcher type = TYPE.matcher(lines.get(i));
            if (!type.find()) {
                continue;
            }
            String indent = type.group(1);
            int end = i;
            while (end < to && !opens(lines.get(end))) {
                end++; // a record's components may run over several lines
            }
            if (end < to && !closesOnItsLine(lines.get(end))) {
                while (end < to && !lines.get(end).stripTrailing().equals(indent + "}")) {
                    end++;
                }
            }
            String name = outer.isEmpty() ? type.group(2) : outer + "." + type.group(2);
            long span = end - i + 1;
            long inner = measure(lines, i + 1, end, name, own);
            own.put(name, span - inner);
            nestedLines += span;
            i = end;
        }
        return nestedLines;
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
