package io.sessiondb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the project's documentation (README.md, BENCHMARKS.md and docs/*.md) leads
 * somewhere: the file or directory exists, and an {@code #anchor} names a heading of the target
 * Markdown file by GitHub's slug rules. External links (with a scheme, such as https:) are not
 * fetched.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional "title" after the target. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    /** A reference definition: {@code [label]: target}. */
    private static final Pattern REFERENCE_DEFINITION =
            Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    private static final Pattern HTML_ANCHOR =
            Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    @Test
    void everyRelativeLinkOfTheDocumentationResolves() throws IOException {
        List<Path> documents = documents();
        assertThat(documents).as("documentation files").isNotEmpty();

        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            List<String> lines = withoutCode(Files.readAllLines(document, StandardCharsets.UTF_8));
            for (int i = 0; i < lines.size(); i++) {
                for (String target : linkTargets(lines.get(i))) {
                    String problem = problemOf(document, target);
                    if (problem != null) {
                        broken.add(ROOT.relativize(document) + ":" + (i + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }

        assertThat(broken)
                .as("broken links in the documentation:%n  %s", String.join(System.lineSeparator() + "  ", broken))
                .isEmpty();
    }

    @Test
    void slugsFollowGitHubsRules() {
        assertThat(slug("Run it")).isEqualTo("run-it");
        assertThat(slug("From the generated secret to configured ones, signing nobody out"))
                .isEqualTo("from-the-generated-secret-to-configured-ones-signing-nobody-out");
        assertThat(slug("A user's own sessions")).isEqualTo("a-users-own-sessions");
        assertThat(slug("Consistency: what concurrent requests get"))
                .isEqualTo("consistency-what-concurrent-requests-get");
        assertThat(slug("Conditional writes (issue 20)")).isEqualTo("conditional-writes-issue-20");
        assertThat(slug("The `notify` mode")).isEqualTo("the-notify-mode");
        assertThat(slug("[Linked](x.md) heading")).isEqualTo("linked-heading");
        assertThat(slug("2026-12-07: SessionDB after issue 21")).isEqualTo("2026-12-07-sessiondb-after-issue-21");
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        for (String name : List.of("README.md", "BENCHMARKS.md")) {
            Path path = ROOT.resolve(name);
            if (Files.isRegularFile(path)) {
                documents.add(path);
            }
        }
        Path docs = ROOT.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                files.filter(p -> p.getFileName().toString().endsWith(".md"))
                        .sorted()
                        .forEach(documents::add);
            }
        }
        return documents;
    }

    /** The lines with fenced code blocks blanked and inline code removed, keeping line numbers. */
    private static List<String> withoutCode(List<String> lines) {
        List<String> result = new ArrayList<>();
        String fence = null;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                result.add("");
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                result.add("");
            } else {
                result.add(line.replaceAll("`[^`]*`", "``"));
            }
        }
        return result;
    }

    private static List<String> linkTargets(String line) {
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(line);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        Matcher reference = REFERENCE_DEFINITION.matcher(line);
        if (reference.matches()) {
            targets.add(reference.group(1));
        }
        return targets;
    }

    /** Why the link does not resolve, or null when it does. */
    private String problemOf(Path document, String target) {
        if (target.isEmpty()) {
            return "empty target";
        }
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null; // external: not fetched
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);

        Path resolved = file.isEmpty()
                ? document
                : document.getParent()
                        .resolve(URLDecoder.decode(file, StandardCharsets.UTF_8))
                        .normalize();
        if (!resolved.startsWith(ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md")) {
            return null; // an anchor into a non-Markdown file (such as a line of source) is not checked
        }
        if (anchor.isEmpty()) {
            return "empty anchor";
        }
        String wanted = URLDecoder.decode(anchor, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return anchorsOf(resolved).contains(wanted) ? null : "no heading with the anchor #" + anchor;
    }

    private Set<String> anchorsOf(Path markdown) {
        return anchorsByFile.computeIfAbsent(markdown, DocumentationLinksTest::readAnchors);
    }

    private static Set<String> readAnchors(Path markdown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String fence = null;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                continue;
            }
            if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: its text without Markdown link targets and images, lower case,
     * every character that is not a letter, digit, space, hyphen or underscore removed, spaces
     * turned into hyphens.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // links: keep their text
                .replaceAll("<[^>]+>", ""); // inline HTML tags
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
