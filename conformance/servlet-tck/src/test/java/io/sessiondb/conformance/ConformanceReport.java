package io.sessiondb.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes a conformance run's results as Markdown: passed, failed and excluded tests per TCK class for each
 * run (a folder of Surefire XML reports under the reports folder: memory, sessiondb-h2, sessiondb-postgresql),
 * then every test that did not pass, with the first line of its failure or its reason for exclusion.
 *
 * <p>Usage: {@code ConformanceReport TITLE REPORTS_FOLDER}
 */
public final class ConformanceReport {

    private static final Map<String, String> RUN_TITLES = Map.of(
            "memory", "Payara memory sessions",
            "sessiondb-h2", "SessionDB, H2",
            "sessiondb-postgresql", "SessionDB, PostgreSQL");
    private static final List<String> RUN_ORDER = List.of("memory", "sessiondb-h2", "sessiondb-postgresql");

    enum Outcome {
        PASSED,
        FAILED,
        EXCLUDED
    }

    record TestResult(String className, String method, Outcome outcome, String detail) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ConformanceReport TITLE REPORTS_FOLDER");
            System.exit(2);
        }
        Map<String, List<TestResult>> runs = new TreeMap<>();
        for (String run : RUN_ORDER) {
            Path folder = Path.of(args[1], run);
            if (Files.isDirectory(folder)) {
                runs.put(run, read(folder));
            }
        }
        System.out.print(markdown(args[0], runs));
    }

    static List<TestResult> read(Path folder) throws Exception {
        List<TestResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                    .sorted()
                    .toList()) {
                NodeList cases = DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(file.toFile())
                        .getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    results.add(result((Element) cases.item(i)));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read the reports in " + folder, e);
        }
        return results;
    }

    private static TestResult result(Element testCase) {
        String className = testCase.getAttribute("classname").replaceFirst("^servlet\\.tck\\.", "");
        String method = testCase.getAttribute("name");
        for (String tag : List.of("failure", "error")) {
            NodeList problems = testCase.getElementsByTagName(tag);
            if (problems.getLength() > 0) {
                return new TestResult(className, method, Outcome.FAILED, firstLine((Element) problems.item(0)));
            }
        }
        NodeList skipped = testCase.getElementsByTagName("skipped");
        if (skipped.getLength() > 0) {
            return new TestResult(className, method, Outcome.EXCLUDED, firstLine((Element) skipped.item(0)));
        }
        return new TestResult(className, method, Outcome.PASSED, "");
    }

    private static String firstLine(Element problem) {
        String message = problem.getAttribute("message");
        if (message.isBlank()) {
            message = problem.getTextContent();
        }
        return message.strip().lines().findFirst().orElse(problem.getAttribute("type"));
    }

    static String markdown(String title, Map<String, List<TestResult>> runs) {
        List<String> order = RUN_ORDER.stream().filter(runs::containsKey).toList();
        TreeSet<String> classes = new TreeSet<>();
        runs.values().forEach(results -> results.forEach(r -> classes.add(r.className())));
        StringBuilder text = new StringBuilder("# " + title + ": session tests\n\n");
        text.append("Passed / failed / excluded tests of each class.\n\n| Test class |");
        order.forEach(run -> text.append(' ').append(RUN_TITLES.get(run)).append(" |"));
        text.append("\n| --- |");
        order.forEach(run -> text.append(" --- |"));
        text.append('\n');
        for (String className : classes) {
            text.append("| `").append(className).append("` |");
            order.forEach(run -> text.append(' ')
                    .append(counts(runs.get(run).stream()
                            .filter(r -> r.className().equals(className))
                            .toList()))
                    .append(" |"));
            text.append('\n');
        }
        text.append("| **").append(classes.size()).append(" classes** |");
        order.forEach(run -> text.append(" **").append(counts(runs.get(run))).append("** |"));
        text.append("\n");
        for (String run : order) {
            List<TestResult> notPassed = runs.get(run).stream()
                    .filter(r -> r.outcome() != Outcome.PASSED)
                    .toList();
            text.append("\n## Not passed: ").append(RUN_TITLES.get(run)).append("\n\n");
            if (notPassed.isEmpty()) {
                text.append("None.\n");
            }
            for (TestResult r : notPassed) {
                List<TestResult> wholeClass = runs.get(run).stream()
                        .filter(other -> other.className().equals(r.className()))
                        .toList();
                boolean classExcluded = wholeClass.stream().allMatch(other -> other.outcome() == Outcome.EXCLUDED);
                if (classExcluded && wholeClass.get(0) != r) {
                    continue; // a class excluded whole is one line
                }
                text.append("- `").append(r.className().replaceFirst(".*\\.", ""));
                if (classExcluded) {
                    text.append("` (").append(wholeClass.size()).append(" tests, ");
                } else {
                    text.append('#').append(r.method()).append("` (");
                }
                text.append(r.className())
                        .append(") ")
                        .append(r.outcome().name().toLowerCase())
                        .append(": ")
                        .append(r.detail().replace('|', '/'))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static String counts(List<TestResult> results) {
        if (results.isEmpty()) {
            return "not run";
        }
        return count(results, Outcome.PASSED) + " / " + count(results, Outcome.FAILED) + " / "
                + count(results, Outcome.EXCLUDED);
    }

    private static long count(List<TestResult> results, Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
