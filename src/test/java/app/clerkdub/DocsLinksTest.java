package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is a first screen, a checklist and a table of pages under docs/, and the pages link into each
 * other's sections: every relative link and image of README.md and docs/*.md must name a file that exists and,
 * when it names a section of a Markdown file, a heading that file has. Anchors follow GitHub's rule, which is
 * what readers click: the heading's text in lower case, punctuation other than '-' and '_' dropped, each space a
 * '-', and a repeated heading suffixed with -1, -2, ...
 */
class DocsLinksTest {
    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");
    /** A link or an image: {@code [text](target)} or {@code ![alt](target)}, an optional title after the target. */
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+(.+?)[ \\t]*#*[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^[ \\t]*```.*?^[ \\t]*```[^\\n]*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{N}_\\- ]");

    @Test
    void everyLinkOfTheReadmeAndTheDocsNamesAFileAndASectionThatExist() {
        List<Path> pages = pages();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(read(page))) {
                checked++;
                broken.addAll(problems(page, target));
            }
        }
        assertEquals(List.of(), broken, "broken links in README.md and docs/*.md");
        // The pages hold over a hundred links: far fewer means the links were not found, not that none is broken.
        assertTrue(checked >= 60, "links checked: " + checked);
    }

    @Test
    void theReadmeLinksEveryPageUnderDocs() {
        Set<String> linked = new LinkedHashSet<>();
        for (String target : links(read(README))) {
            linked.add(target.replaceFirst("#.*", ""));
        }
        List<String> unlinked = pages().stream().filter(page -> !page.equals(README))
                .map(page -> page.toString().replace('\\', '/'))
                .filter(page -> !linked.contains(page)).toList();
        assertEquals(List.of(), unlinked, "pages under docs/ that the README's table does not link");
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals(List.of("the-endpoint-post-apitrack-lead", "a-faster-jvm-start-an-aot-cache-jdk-25",
                "4-dubs-analytics-script", "leadsfailing", "the-tests-logs", "notes", "notes-1", "notes-2"),
                List.copyOf(anchors("## The endpoint: `POST /api/track-lead`\n### A faster JVM start: an AOT cache (JDK 25)\n"
                        + "## 4. Dub's analytics script\n### LeadsFailing\n## The tests' logs\n"
                        + "## Notes\n## Notes\n```\n## not a heading in a code block\n```\n## Notes\n")));
    }

    @Test
    void aMissingFileOrSectionIsFound() {
        Path page = DOCS.resolve("going-live.md");
        assertEquals(List.of(), problems(page, "deploy.md#changing-a-secret-or-a-parameter"));
        assertEquals(List.of(), problems(page, "#1-keys"));
        assertEquals(List.of(), problems(page, "../application.properties.example"));
        assertEquals(1, problems(page, "deploy.md#no-such-section").size());
        assertEquals(1, problems(page, "#no-such-section").size());
        assertEquals(1, problems(page, "application.properties.example").size(), "relative to docs/, not the root");
        assertEquals(List.of("deploy.md", "img/a.png", "https://clerk.com/docs", "#x"),
                links("[a](deploy.md) ![b](img/a.png \"title\") [c](https://clerk.com/docs) `[d](in-code.md)` [e](#x)\n"
                        + "```\n[f](in-a-fence.md)\n```\n"));
    }

    private static List<String> problems(Path page, String target) {
        if (SCHEME.matcher(target).find()) {
            return List.of(); // another site's page: not this repository's to check
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path linked = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
            return List.of(page + ": " + target + " (no such file)");
        }
        if (anchor.isEmpty() || !linked.toString().endsWith(".md")) {
            return List.of();
        }
        return anchors(read(linked)).contains(anchor) ? List.of()
                : List.of(page + ": " + target + " (no such section in " + file + ")");
    }

    /** The link targets of a Markdown text, outside code, where a link is text. */
    static List<String> links(String markdown) {
        String text = INLINE_CODE.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    /** The anchors GitHub gives the headings of a Markdown text, in order. */
    static Set<String> anchors(String markdown) {
        String text = FENCE.matcher(markdown).replaceAll("");
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(text);
        while (heading.find()) {
            String base = NOT_IN_ANCHOR.matcher(heading.group(1).toLowerCase(Locale.ROOT)).replaceAll("")
                    .replace(' ', '-');
            int repeats = seen.merge(base, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? base : base + "-" + repeats);
        }
        return anchors;
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return pages;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
