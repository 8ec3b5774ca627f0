package io.sessiondb.history;

import io.sessiondb.history.Violation.Kind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link HistoryChecker} found: the violations, and what the history exercised, so that a run that
 * tested nothing shows as such.
 */
record CheckReport(List<Op> history, List<Violation> violations, Stats stats) {

    /** Counts of what the checks covered. */
    static final class Stats {
        int incarnations;
        int okWrites;
        /** Ok writes that overlapped another write of the same attribute (last writer wins: not checked). */
        int contendedWrites;
        /** Ok writes that overlapped a sign-in, id change, sign-out, revoke or expiry (not checked). */
        int writesAtBoundary;

        int checkedWrites;
        /** Reads that overlapped a boundary of their incarnation (not held to the writes before). */
        int readsAtBoundary;
        /** Ends that met the old id of a session a concurrent sign-in or id change moved on. */
        int endsRacingIdChanges;
        /** (write, later read) pairs checked, and how many of them had the read on the other node. */
        long readChecks;

        long crossNodeReadChecks;
        int sessionEnds;
        int userEnds;
        /** Sign-ins and id changes that gave a new id, and requests that sent the old id after they started. */
        int rotations;

        int oldIdRequests;
        /** Requests that sent a session's id and found another incarnation or none. */
        int liveSessionChecks;
    }

    /** Operations by type, then by outcome. */
    Map<OpType, Map<Outcome, Integer>> counts() {
        Map<OpType, Map<Outcome, Integer>> counts = new EnumMap<>(OpType.class);
        for (OpType type : OpType.values()) {
            Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, 0);
            }
            counts.put(type, byOutcome);
        }
        history.forEach(op -> counts.get(op.type()).merge(op.outcome(), 1, Integer::sum));
        return counts;
    }

    int ok(OpType type) {
        return counts().get(type).get(Outcome.OK);
    }

    Map<Kind, Integer> violationCounts() {
        Map<Kind, Integer> counts = new TreeMap<>();
        violations.forEach(v -> counts.merge(v.kind(), 1, Integer::sum));
        return counts;
    }

    /** The report as people read it: totals first, then every violation with its operations. */
    String text() {
        return text(Integer.MAX_VALUE);
    }

    /** The report with at most {@code maxPerKind} violations of each kind spelled out. */
    String text(int maxPerKind) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "History: %d operations over %.1f s, %d session incarnations.%n",
                history.size(), history.stream().mapToLong(Op::endNs).max().orElse(0) / 1e9, stats.incarnations));
        text.append("Operations (ok / fail / info):\n");
        counts().forEach((type, byOutcome) -> text.append(String.format(
                "  %-10s %6d / %d / %d%n",
                type.wire(), byOutcome.get(Outcome.OK), byOutcome.get(Outcome.FAIL), byOutcome.get(Outcome.INFO))));
        Map<String, Integer> byNode = new TreeMap<>();
        history.forEach(op -> byNode.merge(op.node(), 1, Integer::sum));
        text.append("Operations by node: ").append(byNode).append('\n');
        text.append(String.format(
                "Ok writes: %d; overlapping another write of the same attribute: %d; overlapping a sign-in, id"
                        + " change, sign-out, revoke or expiry: %d; checked: %d against %d later reads (%d on the"
                        + " other node).%n",
                stats.okWrites,
                stats.contendedWrites,
                stats.writesAtBoundary,
                stats.checkedWrites,
                stats.readChecks,
                stats.crossNodeReadChecks));
        text.append(String.format(
                "Reads overlapping a boundary of their incarnation: %d. Ends that met an id a concurrent sign-in"
                        + " or id change had moved: %d.%n"
                        + "Ends checked: %d of a session, %d of a user; id rotations: %d, with %d requests sending the old id"
                        + " after the rotation started; requests that sent a session's id and found another"
                        + " incarnation or none: %d.%n",
                stats.readsAtBoundary,
                stats.endsRacingIdChanges,
                stats.sessionEnds,
                stats.userEnds,
                stats.rotations,
                stats.oldIdRequests,
                stats.liveSessionChecks));
        if (violations.isEmpty()) {
            text.append("No violations.\n");
            return text.toString();
        }
        text.append(String.format("%d VIOLATIONS:%n", violations.size()));
        violationCounts()
                .forEach((kind, count) ->
                        text.append(String.format("  %-22s %5d  (%s)%n", kind.name(), count, kind.rule)));
        Map<Kind, Integer> shown = new TreeMap<>();
        for (Violation violation : violations) {
            if (shown.merge(violation.kind(), 1, Integer::sum) <= maxPerKind) {
                text.append("  - ").append(violation.describe()).append('\n');
            }
        }
        shown.forEach((kind, count) -> {
            if (count > maxPerKind) {
                text.append(String.format("  (%d more %s not shown)%n", count - maxPerKind, kind.name()));
            }
        });
        return text.toString().replace("\r", "");
    }

    @Override
    public String toString() {
        return text();
    }
}
