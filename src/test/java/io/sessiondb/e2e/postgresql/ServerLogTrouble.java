package io.sessiondb.e2e.postgresql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in a Payara Micro server log means trouble: a WARNING or SEVERE record, or a deadlock, duplicate
 * key or uncaught exception anywhere, apart from records every boot prints that say nothing about
 * SessionDB.
 */
final class ServerLogTrouble {

    /**
     * Records that every node prints on every boot and that say nothing about SessionDB; each is excluded
     * by its logger and text, so that any other WARNING or SEVERE record fails the test.
     */
    private static final List<Pattern> HARMLESS = List.of(
            // Payara's bundled trust store holds CA certificates that have expired; the nodes use no TLS
            Pattern.compile("\\[javax\\.enterprise\\.system\\.security\\.ssl\\].*\\n\\s*The SSL certificate with alias"
                    + " \\S+ has expired"),
            // Payara's data grid (Hazelcast) starts even with --nocluster, as a cluster of one, and says so when
            // another server on the machine holds its first port
            Pattern.compile(
                    "\\[com\\.hazelcast\\.instance\\.impl\\.Node\\].*Config seed port is \\d+ and cluster size is 1"),
            // logged while deploying, when Payara discards the class loader it inspected the WAR with; the
            // application's own loader registers the drivers again (the nodes then serve requests)
            Pattern.compile("\\[jakarta\\.enterprise\\.web\\.util\\].*The web application \\[unknown\\] registered the"
                    + " JDBC driver \\[(org\\.postgresql\\.Driver|org\\.mariadb\\.jdbc\\.Driver)\\] but failed to"
                    + " unregister it"));

    private static final Pattern TROUBLE_TEXT = Pattern.compile("(?i)duplicate key|deadlock|Exception in thread");

    private ServerLogTrouble() {}

    /** The text of each troubling record of {@code log}; empty when there is none. */
    static List<String> in(String log) {
        return LogRecord.parse(log).stream()
                .filter(r ->
                        r.isWarningOrWorse() || TROUBLE_TEXT.matcher(r.text()).find())
                .map(LogRecord::text)
                .filter(text -> HARMLESS.stream().noneMatch(p -> p.matcher(text).find()))
                .toList();
    }

    /**
     * One record of a server log: Payara's {@code [time] [] [LEVEL] [id] [logger] ... message} with its
     * continuation lines, or, after Payara's handler has gone during shutdown, java.util.logging's
     * two-line {@code date logger} / {@code LEVEL: message}. Text before the first record (the banner)
     * and lines printed to standard output join the record before them.
     */
    private record LogRecord(String level, String text) {

        private static final Pattern ANSI = Pattern.compile("\\u001B\\[[0-9;]*m");
        private static final Pattern PAYARA =
                Pattern.compile("^\\[\\d{4}-\\d\\d-\\d\\dT[^\\]]*] \\[[^\\]]*] \\[(\\w+)]");
        private static final Pattern JUL_HEADER =
                Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d\\d:\\d\\d [AP]M ");
        private static final Pattern JUL_LEVEL = Pattern.compile("^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ");

        static List<LogRecord> parse(String log) {
            List<LogRecord> records = new ArrayList<>();
            String level = "";
            StringBuilder text = new StringBuilder();
            boolean julHeaderBefore = false;
            for (String line : ANSI.matcher(log).replaceAll("").split("\\R")) {
                Matcher payara = PAYARA.matcher(line);
                boolean payaraHeader = payara.find();
                boolean julHeader = JUL_HEADER.matcher(line).find();
                if (payaraHeader || julHeader) {
                    records.add(new LogRecord(level, text.toString()));
                    level = payaraHeader ? payara.group(1) : "";
                    text.setLength(0);
                } else if (julHeaderBefore) {
                    Matcher julLevel = JUL_LEVEL.matcher(line);
                    if (julLevel.find()) {
                        level = julLevel.group(1);
                    }
                }
                julHeaderBefore = julHeader;
                text.append(line).append('\n');
            }
            records.add(new LogRecord(level, text.toString()));
            return records;
        }

        boolean isWarningOrWorse() {
            return level.equals("WARNING") || level.equals("SEVERE");
        }
    }
}
