package io.sessiondb.history;

import io.sessiondb.history.Violation.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Checks a history against SessionDB's consistency model, per session incarnation (the token a session gets on
 * its first use and keeps across id changes; a new session has a new one). Pure: a history in, a report out.
 *
 * <p>Terms. An operation is <em>ok</em> (2xx), <em>fail</em> (4xx, took no effect) or <em>info</em> (5xx or no
 * answer: it may or may not have taken effect; without an answer, at any time after its start, so its end counts as
 * never). Two operations
 * <em>overlap</em> when each started before the other's end (an expiry ends when its idle wait does). A
 * <em>read</em> is any ok operation that answers the state ({@link OpType#answersState()}): read, cart add, own
 * set, counter, sign-in, id change, expiry. A <em>boundary</em> of incarnation I is a sign-in, id change,
 * sign-out or expiry that reported I or reported nothing (info), or any revoke of I's group.
 *
 * <ol>
 *   <li><b>Lose nothing, read what was acknowledged.</b> For each ok write w of incarnation I (cart add of a
 *       unique item; own set of {@code own-<client>}, one client writing its attribute with increasing values;
 *       counter increment answering n), every read R of I that started after w ended shows it: the item is in
 *       the cart; {@code own-<client>} ≥ the value; the counter ≥ n. Excused (not checked): w overlapped a
 *       boundary of I; a cart add or increment overlapped another one (not fail) of I or of no known incarnation
 *       (last writer wins per attribute); an own set overlapped another of the same client. A change missing from
 *       the last such read is {@link Kind#LOST_WRITE}, else {@link Kind#STALE_READ}.
 *   <li><b>Ended stays ended.</b> An ok sign-out that reported I, an ok expiry of I (at the end of its idle
 *       wait), and an ok revoke of user U (for each incarnation of the group whose latest ok answer that ended
 *       before the revoke started reported U, and no sign-out of which, not fail, started before the revoke
 *       ended: that one may have taken U off first) end I: no ok operation that started after that reports I ({@link
 *       Kind#ENDED_SESSION_BACK}). An ok sign-out that reported user U, and an ok revoke of U, end U in the group:
 *       no ok operation of the group that started after reports U ({@link Kind#ENDED_USER_BACK}), unless a
 *       sign-in of U (not fail) that had not ended before the sign-out or revoke started, started before that
 *       operation ended.
 *   <li><b>The old id stays out.</b> For each ok sign-in or id change G that sent id O and got a cookie with a
 *       new id N: no other operation that sent O, at any time, reports N as its session id ({@link
 *       Kind#OLD_ID_SAW_NEW_ID}) or gets a cookie with N ({@link Kind#OLD_ID_GOT_NEW_COOKIE}); and if G was a
 *       sign-in of user U by a request nobody was signed in on, none but a sign-in reports U ({@link
 *       Kind#OLD_ID_SIGNED_IN}), but for one that began before G ended when O was itself the new id of an
 *       earlier sign-in of U (not fail): it may have seen U from that one.
 *   <li><b>A live session stays</b> (lose nothing, all at once). An ok operation R (not a revoke) that sent id X
 *       reports the incarnation I that the latest ok read W ending before R started reported under session id X,
 *       unless some boundary of I (not fail; info ones of any incarnation) started before R ended and may have
 *       taken effect after W started ({@link Kind#SESSION_LOST}).
 * </ol>
 */
final class HistoryChecker {

    private final List<Op> history;
    private final Map<Integer, List<Op>> byGroup;
    private final Map<String, List<Op>> readsByIncarnation;
    /** Every ok operation that reported an incarnation, by incarnation. */
    private final Map<String, List<Op>> seenByIncarnation;
    /** The reads by the session id they reported. */
    private final Map<String, List<Op>> readsBySessionId;

    private final Map<Op, Boolean> readsAtBoundary = new IdentityHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final CheckReport.Stats stats = new CheckReport.Stats();

    private HistoryChecker(List<Op> history) {
        this.history =
                history.stream().sorted(Comparator.comparingLong(Op::startNs)).toList();
        this.byGroup = this.history.stream()
                .collect(Collectors.groupingBy(Op::group, LinkedHashMap::new, Collectors.toList()));
        this.readsByIncarnation = this.history.stream()
                .filter(op -> op.ok() && op.type().answersState() && op.incarnation() != null)
                .collect(Collectors.groupingBy(Op::incarnation, LinkedHashMap::new, Collectors.toList()));
        this.seenByIncarnation = this.history.stream()
                .filter(op -> op.ok() && op.incarnation() != null)
                .collect(Collectors.groupingBy(Op::incarnation, LinkedHashMap::new, Collectors.toList()));
        this.readsBySessionId = this.history.stream()
                .filter(op -> op.ok() && op.type().answersState() && op.incarnation() != null && op.sessionId() != null)
                .collect(Collectors.groupingBy(Op::sessionId, LinkedHashMap::new, Collectors.toList()));
    }

    static CheckReport check(List<Op> history) {
        HistoryChecker checker = new HistoryChecker(history);
        checker.acknowledgedWrites();
        checker.endedStaysEnded();
        checker.oldIdStaysOut();
        checker.liveSessionsStay();
        return new CheckReport(checker.history, checker.violations, checker.stats);
    }

    // ---- lose nothing, read what was acknowledged

    private void acknowledgedWrites() {
        stats.incarnations = readsByIncarnation.size();
        for (Op w : history) {
            if (!w.ok() || !isWrite(w.type()) || w.incarnation() == null) {
                continue;
            }
            stats.okWrites++;
            List<Op> group = byGroup.get(w.group());
            boolean contended = group.stream().anyMatch(o -> o != w && w.overlaps(o) && sameAttribute(w, o));
            boolean atBoundary =
                    group.stream().anyMatch(o -> o != w && w.overlaps(o) && isBoundaryOf(o, w.incarnation()));
            if (contended) {
                stats.contendedWrites++;
            }
            if (atBoundary) {
                stats.writesAtBoundary++;
            }
            if (contended || atBoundary) {
                continue;
            }
            stats.checkedWrites++;
            // a read that overlapped a boundary of the incarnation may see it as it was before that began
            List<Op> later = readsByIncarnation.getOrDefault(w.incarnation(), List.of()).stream()
                    .filter(r -> r.startNs() > w.endNs())
                    .filter(r -> !readAtBoundary(r))
                    .toList();
            stats.readChecks += later.size();
            stats.crossNodeReadChecks +=
                    later.stream().filter(r -> !r.node().equals(w.node())).count();
            List<Op> missing = later.stream().filter(r -> !shows(r, w)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            Op last = later.get(later.size() - 1);
            boolean lost = !shows(last, w);
            Op first = missing.get(0);
            violations.add(new Violation(
                    lost ? Kind.LOST_WRITE : Kind.STALE_READ,
                    String.format(
                            "%s of incarnation %s acknowledged, missing from %d of the %d reads of it that started"
                                    + " later (first: #%d, which shows %s)%s",
                            what(w),
                            Op.shortId(w.incarnation()),
                            missing.size(),
                            later.size(),
                            first.id(),
                            shown(first, w),
                            lost ? ", the last one included (#" + last.id() + ")" : ""),
                    lost && last != first ? List.of(w, first, last) : List.of(w, first)));
        }
    }

    /** Whether a read overlapped a boundary of the incarnation it reported; remembered per read. */
    private boolean readAtBoundary(Op read) {
        return readsAtBoundary.computeIfAbsent(read, r -> {
            boolean overlapped = byGroup.get(r.group()).stream()
                    .anyMatch(o -> o != r && r.overlaps(o) && isBoundaryOf(o, r.incarnation()));
            if (overlapped) {
                stats.readsAtBoundary++;
            }
            return overlapped;
        });
    }

    private static boolean isWrite(OpType type) {
        return type == OpType.CART_ADD || type == OpType.OWN_SET || type == OpType.COUNTER;
    }

    /** Whether {@code other} writes the attribute {@code w} writes, so that the last of them may win. */
    private static boolean sameAttribute(Op w, Op other) {
        if (other.type() != w.type()) {
            return false;
        }
        if (w.type() == OpType.OWN_SET) {
            return other.client().equals(w.client());
        }
        return other.incarnation() == null || other.incarnation().equals(w.incarnation());
    }

    private static boolean isBoundaryOf(Op op, String incarnation) {
        return op.type().isBoundary()
                && (op.type() == OpType.REVOKE
                        || op.incarnation() == null
                        || op.incarnation().equals(incarnation));
    }

    private static boolean shows(Op read, Op w) {
        return switch (w.type()) {
            case CART_ADD -> read.cart().contains(w.arg());
            case OWN_SET -> atLeast(read.own(w.client()), Integer.parseInt(w.arg()));
            case COUNTER -> atLeast(read.counter(), w.result().orElse(0));
            default -> throw new IllegalArgumentException(w.type() + " writes nothing");
        };
    }

    private static boolean atLeast(OptionalInt shown, int value) {
        return shown.isPresent() && shown.getAsInt() >= value;
    }

    private static String what(Op w) {
        return switch (w.type()) {
            case CART_ADD -> "cart item " + w.arg();
            case OWN_SET -> "own-" + w.client() + " = " + w.arg();
            default -> "counter increment to " + w.result().orElse(0);
        };
    }

    private static String shown(Op read, Op w) {
        return switch (w.type()) {
            case CART_ADD -> read.cart().size() + " items";
            case OWN_SET ->
                "own-" + w.client() + " = "
                        + (read.own(w.client()).isPresent()
                                ? read.own(w.client()).getAsInt()
                                : "none");
            default ->
                "counter = " + (read.counter().isPresent() ? read.counter().getAsInt() : "none");
        };
    }

    // ---- ended stays ended

    private void endedStaysEnded() {
        Map<String, Long> endedAtNs = new HashMap<>();
        for (Op end : history) {
            if (!end.ok()) {
                continue;
            }
            switch (end.type()) {
                case SIGN_OUT -> {
                    if (end.incarnation() != null) {
                        endedAtNs.merge(end.incarnation(), end.endNs(), Math::min);
                        sessionEnded(end.incarnation(), end.endNs(), end);
                    }
                    if (end.user() != null) {
                        userEnded(end.user(), end);
                    }
                }
                case EXPIRE -> {
                    endedAtNs.merge(end.incarnation(), end.idleUntilNs(), Math::min);
                    sessionEnded(end.incarnation(), end.idleUntilNs(), end);
                }
                case REVOKE -> {
                    for (String incarnation : signedInAt(end.group(), end.arg(), end.startNs())) {
                        // one already ended before is checked against that end; one a sign-out raced may have
                        // had its user taken off before the revoke looked, and then ends with that sign-out
                        if (endedAtNs.getOrDefault(incarnation, Long.MAX_VALUE) >= end.startNs()
                                && !signedOutBefore(incarnation, end)) {
                            endedAtNs.merge(incarnation, end.endNs(), Math::min);
                            sessionEnded(incarnation, end.endNs(), end);
                        }
                    }
                    userEnded(end.arg(), end);
                }
                default -> {}
            }
        }
    }

    /**
     * Whether a sign-out of the incarnation, or one that sent an id of it and got no answer naming any (a 500
     * after its {@code logout()}), began before the revoke ended: the session may have lost its user before the revoke looked
     * for the user's sessions.
     */
    private boolean signedOutBefore(String incarnation, Op revoke) {
        return byGroup.get(revoke.group()).stream()
                .anyMatch(op -> op.type() == OpType.SIGN_OUT
                        && op.outcome() != Outcome.FAIL
                        && op.startNs() < revoke.endNs()
                        && (op.incarnation() == null
                                ? op.outcome() == Outcome.INFO && namesIncarnation(op.cookieSent(), incarnation)
                                : op.incarnation().equals(incarnation)));
    }

    /** Whether {@code id} was an id of the incarnation: some operation of it sent or got it. */
    private boolean namesIncarnation(String id, String incarnation) {
        return id != null
                && seenByIncarnation.getOrDefault(incarnation, List.of()).stream()
                        .anyMatch(q -> id.equals(q.cookieSent()) || id.equals(q.setCookie()));
    }

    private void sessionEnded(String incarnation, long endedNs, Op end) {
        stats.sessionEnds++;
        List<Op> seen = seenByIncarnation.getOrDefault(incarnation, List.of()).stream()
                .filter(op -> op.startNs() > endedNs)
                .toList();
        if (seen.isEmpty()) {
            return;
        }
        if (movedAway(incarnation, end)) {
            stats.endsRacingIdChanges++;
            return;
        }
        List<Op> ops = new ArrayList<>(List.of(end, seen.get(0)));
        violations.add(new Violation(
                Kind.ENDED_SESSION_BACK,
                String.format(
                        "incarnation %s ended by #%d, then seen by %d operations that started later (first #%d)",
                        Op.shortId(incarnation),
                        end.id(),
                        seen.size(),
                        seen.get(0).id()),
                ops));
    }

    /** The incarnations of the group whose latest ok answer that ended before {@code beforeNs} named the user. */
    private List<String> signedInAt(int group, String user, long beforeNs) {
        Map<String, Op> latest = new LinkedHashMap<>();
        for (Op op : byGroup.get(group)) {
            // a request signed in from the session its cookie named, which then found itself in another
            // session (its own having moved away meanwhile), tells nothing of who that other one belongs to
            boolean ownSession = op.type() == OpType.SIGN_IN
                    || op.cookieSent() == null
                    || op.cookieSent().equals(op.sessionId());
            if (op.ok() && ownSession && op.incarnation() != null && op.endNs() < beforeNs) {
                latest.merge(op.incarnation(), op, (a, b) -> b.endNs() > a.endNs() ? b : a);
            }
        }
        return latest.entrySet().stream()
                .filter(e -> user.equals(e.getValue().user()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Whether the end met an old id of the incarnation, which a sign-in or id change that overlapped it (or
     * had begun before it, under the id it sent) moved: the session goes on under its new id.
     */
    private boolean movedAway(String incarnation, Op end) {
        return incarnation != null
                && byGroup.get(end.group()).stream()
                        .anyMatch(op -> (op.type() == OpType.SIGN_IN || op.type() == OpType.CHANGE_ID)
                                && incarnation.equals(op.incarnation())
                                && (op.overlaps(end)
                                        || (op.cookieSent() != null
                                                && op.cookieSent().equals(end.cookieSent())
                                                && op.startNs() < end.startNs())));
    }

    private void userEnded(String user, Op end) {
        stats.userEnds++;
        List<Op> group = byGroup.get(end.group());
        // the first start of a sign-in of the user that had not ended before the end started: an operation that
        // ended after it may have seen that sign-in
        long signedInAgainNs = group.stream()
                .filter(signIn -> signIn.type() == OpType.SIGN_IN
                        && signIn.outcome() != Outcome.FAIL
                        && user.equals(signIn.arg())
                        && signIn.effectiveEndNs() > end.startNs())
                .mapToLong(Op::startNs)
                .min()
                .orElse(Long.MAX_VALUE);
        // a sign-out that met an id a sign-in or id change had moved leaves the user signed in under the new id
        String goesOn = end.type() == OpType.SIGN_OUT && movedAway(end.incarnation(), end) ? end.incarnation() : null;
        List<Op> seen = group.stream()
                .filter(op -> op.ok()
                        && op.startNs() > end.endNs()
                        && op.endNs() <= signedInAgainNs
                        && user.equals(op.user())
                        && (goesOn == null || !goesOn.equals(op.incarnation())))
                .toList();
        if (!seen.isEmpty()) {
            violations.add(new Violation(
                    Kind.ENDED_USER_BACK,
                    String.format(
                            "user %s ended by #%d, then seen by %d operations that started later, no sign-in"
                                    + " between (first #%d)",
                            user, end.id(), seen.size(), seen.get(0).id()),
                    List.of(end, seen.get(0))));
        }
    }

    // ---- the old id stays out

    private void oldIdStaysOut() {
        for (Op g : history) {
            if (!g.ok()
                    || (g.type() != OpType.SIGN_IN && g.type() != OpType.CHANGE_ID)
                    || g.cookieSent() == null
                    || g.setCookie() == null
                    || g.setCookie().equals(g.cookieSent())) {
                continue;
            }
            String oldId = g.cookieSent();
            String newId = g.setCookie();
            if (!carried(oldId, g)) {
                continue; // the old id named no live session any more: g began a new one
            }
            stats.rotations++;
            String signedIn = g.type() == OpType.SIGN_IN && g.userBefore() == null ? g.user() : null;
            // the old id may itself be what an earlier sign-in of the same user gave: a request that began before g
            // ended may then report the user from that sign-in, signed out by another request meanwhile
            boolean signedInIdBefore = signedIn != null && signedInIdOf(signedIn, oldId, g);
            for (Op p : byGroup.get(g.group())) {
                if (p == g || !oldId.equals(p.cookieSent())) {
                    continue;
                }
                if (p.startNs() > g.startNs()) {
                    stats.oldIdRequests++;
                }
                if (newId.equals(p.sessionId())) {
                    violations.add(oldId(Kind.OLD_ID_SAW_NEW_ID, "reported the new id", g, p));
                }
                if (newId.equals(p.setCookie())) {
                    violations.add(oldId(Kind.OLD_ID_GOT_NEW_COOKIE, "was given the new id's cookie", g, p));
                }
                if (signedIn != null
                        && p.type() != OpType.SIGN_IN
                        && signedIn.equals(p.user())
                        && !(signedInIdBefore && p.startNs() < g.endNs())) {
                    violations.add(oldId(Kind.OLD_ID_SIGNED_IN, "reported the signed-in user " + signedIn, g, p));
                }
            }
        }
    }

    /** Whether a sign-in of {@code user} (not fail) that started before g gave {@code id} as its new id. */
    private boolean signedInIdOf(String user, String id, Op g) {
        return byGroup.get(g.group()).stream()
                .anyMatch(q -> q != g
                        && q.type() == OpType.SIGN_IN
                        && q.outcome() != Outcome.FAIL
                        && user.equals(q.arg())
                        && id.equals(q.setCookie())
                        && q.startNs() < g.startNs());
    }

    /**
     * Whether {@code id} named g's incarnation for another operation: if not, it named none any more (or
     * another one) when g ran, and g began a new session rather than moving one.
     */
    private boolean carried(String id, Op g) {
        return seenByIncarnation.getOrDefault(g.incarnation(), List.of()).stream()
                .anyMatch(q -> q != g && (id.equals(q.cookieSent()) || id.equals(q.setCookie())));
    }

    // ---- a live session stays

    private void liveSessionsStay() {
        for (Op r : history) {
            if (!r.ok() || r.cookieSent() == null || r.type() == OpType.REVOKE) {
                continue;
            }
            Op seenBefore = null;
            for (Op w : readsBySessionId.getOrDefault(r.cookieSent(), List.of())) {
                if (w.endNs() < r.startNs() && (seenBefore == null || w.endNs() > seenBefore.endNs())) {
                    seenBefore = w;
                }
            }
            if (seenBefore == null || seenBefore.incarnation().equals(r.incarnation())) {
                continue;
            }
            Op w = seenBefore;
            String incarnation = w.incarnation();
            stats.liveSessionChecks++;
            boolean excused = byGroup.get(r.group()).stream()
                    .anyMatch(e -> e != r
                            && e.type().isBoundary()
                            && e.outcome() != Outcome.FAIL
                            && (e.outcome() == Outcome.INFO
                                    || e.type() == OpType.REVOKE
                                    || incarnation.equals(e.incarnation()))
                            && e.startNs() < r.endNs()
                            && e.effectiveEndNs() > w.startNs());
            if (!excused) {
                List<Op> between = byGroup.get(r.group()).stream()
                        .filter(o -> o != r && o != w && o.startNs() < r.endNs() && o.effectiveEndNs() > w.startNs())
                        .filter(o -> r.cookieSent().equals(o.cookieSent()) && o.type() != OpType.READ)
                        .limit(3)
                        .toList();
                List<Op> ops = new ArrayList<>(List.of(w, r));
                ops.addAll(between);
                violations.add(new Violation(
                        Kind.SESSION_LOST,
                        String.format(
                                "#%d sent id %s, which #%d had seen carry incarnation %s, and found %s; nothing"
                                        + " ended or moved it in between",
                                r.id(),
                                Op.shortId(r.cookieSent()),
                                w.id(),
                                Op.shortId(incarnation),
                                r.incarnation() == null ? "no session" : "incarnation " + Op.shortId(r.incarnation())),
                        ops));
            }
        }
    }

    private static Violation oldId(Kind kind, String what, Op g, Op p) {
        return new Violation(
                kind,
                String.format(
                        "#%d %s moved id %s to %s; #%d, which sent %s, %s",
                        g.id(),
                        g.type().wire(),
                        Op.shortId(g.cookieSent()),
                        Op.shortId(g.setCookie()),
                        p.id(),
                        Op.shortId(p.cookieSent()),
                        what),
                List.of(g, p));
    }
}
