package io.sessiondb.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.history.Violation.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker, fed with histories made by hand: each kind of violation is caught, legal histories pass. */
class HistoryCheckerTest {

    private static final String I = "incarnation-1";
    private static final String J = "incarnation-2";
    private static final String USER = "user-g1";

    private final List<Op> history = new ArrayList<>();

    // ---- lose nothing, read what was acknowledged

    @Test
    void aCartItemMissingFromEveryLaterReadIsALostWrite() {
        op(OpType.CART_ADD, 0, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();

        assertThat(kinds()).containsExactly(Kind.LOST_WRITE);
    }

    @Test
    void aCartItemMissingFromOneReadButShownByALaterOneIsAStaleRead() {
        op(OpType.CART_ADD, 0, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();
        op(OpType.READ, 40, 50).state(I).cart("x").add();

        assertThat(kinds()).containsExactly(Kind.STALE_READ);
    }

    @Test
    void aWriteIsLostAlsoWhenTheNextWriteAnswersWithoutIt() {
        op(OpType.CART_ADD, 0, 10).arg("x").state(I).cart("x").add();
        op(OpType.CART_ADD, 20, 30).node("B").arg("y").state(I).cart("y").add();

        assertThat(kinds()).containsExactly(Kind.LOST_WRITE);
    }

    @Test
    void overlappingAddsMayLoseOneUnderLastWriterWins() {
        op(OpType.CART_ADD, 0, 10).arg("x").state(I).cart("x").add();
        op(OpType.CART_ADD, 5, 15).node("B").arg("y").state(I).cart("y").add();
        op(OpType.READ, 20, 30).state(I).cart("y").add();

        CheckReport report = HistoryChecker.check(history);
        assertThat(report.violations()).isEmpty();
        assertThat(report.stats().contendedWrites).isEqualTo(2);
    }

    @Test
    void anAddOverlappingAnIdChangeMayBeLost() {
        op(OpType.CART_ADD, 0, 10)
                .arg("x")
                .cookie("old", null)
                .state(I)
                .cart("x")
                .add();
        op(OpType.CHANGE_ID, 5, 15).node("B").cookie("old", "new").state(I).add();
        op(OpType.READ, 20, 30).cookie("new", null).state(I).cart().add();

        CheckReport report = HistoryChecker.check(history);
        assertThat(report.violations()).isEmpty();
        assertThat(report.stats().writesAtBoundary).isEqualTo(1);
    }

    @Test
    void anAddOverlappingAnUnansweredAddMayBeLost() {
        op(OpType.CART_ADD, 0, 2).arg("y").status(-1).error("timed out").add(); // may take effect at any time later
        op(OpType.CART_ADD, 5, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void anAddAnswered503IsOverWhenItsAnswerCame() {
        op(OpType.CART_ADD, 0, 2).arg("y").status(503).add();
        op(OpType.CART_ADD, 5, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();

        assertThat(kinds()).containsExactly(Kind.LOST_WRITE);
    }

    @Test
    void anAddOverlappingA503AddMayBeLost() {
        op(OpType.CART_ADD, 0, 7).arg("y").status(503).add();
        op(OpType.CART_ADD, 5, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void aFailedAddExcusesNothing() {
        op(OpType.CART_ADD, 0, 12).arg("y").status(400).add();
        op(OpType.CART_ADD, 5, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();

        assertThat(kinds()).containsExactly(Kind.LOST_WRITE);
    }

    @Test
    void aReadOfAnotherIncarnationIsNotHeldToTheWrite() {
        op(OpType.CART_ADD, 0, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).state(J).cart().add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void anOwnAttributeThatGoesBackIsCaught() {
        op(OpType.OWN_SET, 0, 10)
                .client("g1c1")
                .arg("3")
                .state(I)
                .own("g1c1", 3)
                .add();
        op(OpType.READ, 20, 30).client("g1c2").node("B").state(I).own("g1c1", 2).add();

        assertThat(kinds()).containsExactly(Kind.LOST_WRITE);
    }

    @Test
    void aHigherOwnValueThanTheLastAcknowledgedIsFine() {
        op(OpType.OWN_SET, 0, 10)
                .client("g1c1")
                .arg("3")
                .state(I)
                .own("g1c1", 3)
                .add();
        op(OpType.OWN_SET, 12, 18).client("g1c1").arg("4").status(504).add();
        op(OpType.READ, 20, 30).client("g1c2").node("B").state(I).own("g1c1", 4).add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void aCounterBelowAnAcknowledgedIncrementIsCaught() {
        op(OpType.COUNTER, 0, 10).state(I).counter(5).result(5).add();
        op(OpType.READ, 20, 30).node("B").state(I).counter(4).add();

        assertThat(kinds()).containsExactly(Kind.LOST_WRITE);
    }

    @Test
    void overlappingIncrementsMayCountOnce() {
        op(OpType.COUNTER, 0, 10).state(I).counter(5).result(5).add();
        op(OpType.COUNTER, 5, 15).node("B").state(I).counter(5).result(5).add();
        op(OpType.READ, 20, 30).state(I).counter(5).add();

        assertThat(kinds()).isEmpty();
    }

    // ---- ended stays ended

    @Test
    void aSessionSeenAfterItsSignOutCameBack() {
        op(OpType.SIGN_OUT, 0, 10)
                .body(Json.createObjectBuilder()
                        .add("sessionId", "s1")
                        .add("incarnation", I)
                        .addNull("user")
                        .add("result", true))
                .add();
        op(OpType.READ, 20, 30).node("B").state(I).add();

        assertThat(kinds()).containsExactly(Kind.ENDED_SESSION_BACK);
    }

    @Test
    void aSessionSeenByARequestThatOverlappedItsSignOutIsFine() {
        op(OpType.SIGN_OUT, 0, 10)
                .body(Json.createObjectBuilder()
                        .add("sessionId", "s1")
                        .add("incarnation", I)
                        .addNull("user")
                        .add("result", true))
                .add();
        op(OpType.READ, 5, 30).node("B").state(I).add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void aSignOutThatMetTheOldIdOfAConcurrentSignInEndsOnlyThatId() {
        op(OpType.SIGN_OUT, 0, 10)
                .cookie("old", null)
                .body(Json.createObjectBuilder()
                        .add("sessionId", "old")
                        .add("incarnation", I)
                        .addNull("user")
                        .add("result", true))
                .add();
        op(OpType.SIGN_IN, 2, 12)
                .node("B")
                .arg(USER)
                .cookie("old", "new")
                .state(I)
                .user(USER)
                .add();
        op(OpType.READ, 20, 30).cookie("new", null).state(I).user(USER).add();

        CheckReport report = HistoryChecker.check(history);
        assertThat(report.violations()).isEmpty();
        assertThat(report.stats().endsRacingIdChanges).isOne();
    }

    @Test
    void aReadOverlappingItsSessionsEndIsNotHeldToEarlierWrites() {
        op(OpType.COUNTER, 0, 10).state(I).counter(1).result(1).add();
        op(OpType.SIGN_OUT, 20, 30)
                .body(Json.createObjectBuilder()
                        .add("sessionId", "s1")
                        .add("incarnation", I)
                        .addNull("user")
                        .add("result", true))
                .add();
        op(OpType.READ, 25, 35).state(I).counter(0).add(); // saw the beans unbound as the session ended

        CheckReport report = HistoryChecker.check(history);
        assertThat(report.violations()).isEmpty();
        assertThat(report.stats().readsAtBoundary).isOne();
    }

    @Test
    void aSignInThroughAnIdThatNamedNoSessionAnyMoreMovesNothing() {
        op(OpType.READ, 0, 10).cookie("old", null).state(I).user(USER).add();
        op(OpType.REVOKE, 20, 30).arg(USER).add();
        op(OpType.SIGN_IN, 40, 50)
                .arg(USER)
                .cookie("old", "new")
                .state(J)
                .user(USER)
                .add();

        CheckReport report = HistoryChecker.check(history);
        assertThat(report.violations()).isEmpty();
        assertThat(report.stats().rotations).isZero();
    }

    @Test
    void aSessionSeenAfterItsShortExpiryCameBack() {
        op(OpType.EXPIRE, 0, 10).idleUntil(2_510).state(I).add();
        op(OpType.READ, 2_520, 2_530).node("B").state(I).add();

        assertThat(kinds()).containsExactly(Kind.ENDED_SESSION_BACK);
    }

    @Test
    void aShortExpiryFollowedByAFreshSessionIsFine() {
        op(OpType.EXPIRE, 0, 10).idleUntil(2_510).state(I).add();
        op(OpType.READ, 2_520, 2_530).node("B").state(null).add();
        op(OpType.CART_ADD, 2_540, 2_550).arg("x").state(J).cart("x").add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void aRevokedSessionAndUserThatCameBackAreCaught() {
        op(OpType.SIGN_IN, 0, 10).arg(USER).state(I).user(USER).add();
        op(OpType.REVOKE, 20, 30)
                .arg(USER)
                .client("g1c2")
                .body(Json.createObjectBuilder().add("invalidated", 1))
                .add();
        op(OpType.READ, 40, 50).node("B").state(I).user(USER).add();

        assertThat(kinds()).containsExactly(Kind.ENDED_SESSION_BACK, Kind.ENDED_USER_BACK);
    }

    /**
     * Found in a run: a sign-out took the user off the session in memory, another request saved that, the
     * revoke then found no session of the user, and the sign-out's own invalidation ended the session later.
     */
    @Test
    void aRevokeThatASignOutOfTheSessionRacedEndsItNoEarlierThanThatSignOut() {
        op(OpType.SIGN_IN, 0, 10).arg(USER).state(I).user(USER).add();
        op(OpType.SIGN_OUT, 15, 60).client("g1c3").body(signedOut("s1")).add();
        op(OpType.REVOKE, 20, 30).arg(USER).client("g1c2").add();
        op(OpType.READ, 40, 50).state(I).add();
        op(OpType.READ, 70, 80).client("g1c4").state(I).add();

        assertThat(kinds())
                .as("the read overlapping the sign-out is excused, the one after it is not")
                .containsExactly(Kind.ENDED_SESSION_BACK);
    }

    /** The same with a sign-out that answered 500 after its {@code logout()}: only one that sent the session's id. */
    @Test
    void aRevokeAfterASignOutThatFailedWithA500OfTheSessionMayHaveMissedIt() {
        op(OpType.SIGN_IN, 0, 10)
                .arg(USER)
                .cookie(null, "s1")
                .state(I)
                .user(USER)
                .add();
        op(OpType.SIGN_OUT, 12, 14)
                .client("g1c3")
                .cookie("s2", null)
                .status(500)
                .add();
        op(OpType.REVOKE, 20, 30).arg(USER).client("g1c2").add();
        op(OpType.READ, 40, 50).cookie("s1", null).state(I).add();
        assertThat(kinds()).as("a 500 sign-out of another session").containsExactly(Kind.ENDED_SESSION_BACK);

        history.clear();
        op(OpType.SIGN_IN, 0, 10)
                .arg(USER)
                .cookie(null, "s1")
                .state(I)
                .user(USER)
                .add();
        op(OpType.SIGN_OUT, 12, 14)
                .client("g1c3")
                .cookie("s1", null)
                .status(500)
                .add();
        op(OpType.REVOKE, 20, 30).arg(USER).client("g1c2").add();
        op(OpType.READ, 40, 50).cookie("s1", null).state(I).add();
        assertThat(kinds()).as("a 500 sign-out of this session").isEmpty();
    }

    @Test
    void aUserSeenAgainAfterANewSignInIsFine() {
        op(OpType.SIGN_OUT, 0, 10).body(signedOut("s1")).add();
        op(OpType.SIGN_IN, 20, 30).arg(USER).state(J).user(USER).add();
        op(OpType.READ, 40, 50).node("B").state(J).user(USER).add();

        assertThat(kinds()).isEmpty();
    }

    @Test
    void aUserSeenAfterSignOutWithoutASignInCameBack() {
        op(OpType.SIGN_OUT, 0, 10).body(signedOut("s1")).add();
        op(OpType.READ, 40, 50).node("B").state(J).user(USER).add();

        assertThat(kinds()).containsExactly(Kind.ENDED_USER_BACK);
    }

    // ---- the old id stays out

    @Test
    void aRequestWithThePreLoginIdThatSeesTheSignedInUserIsCaught() {
        op(OpType.SIGN_IN, 0, 10)
                .arg(USER)
                .cookie("old", "new")
                .state(I)
                .user(USER)
                .add();
        op(OpType.READ, 5, 15).node("B").cookie("old", null).state(I).user(USER).add();

        assertThat(kinds()).containsExactly(Kind.OLD_ID_SIGNED_IN);
    }

    @Test
    void aRequestOnTheIdOfAnEarlierSignInOfTheUserMaySeeThemWhileASecondSignInRuns() {
        signInTwiceWithASignOutBetween();
        // began before the second sign-in ended: it may have read the session as the first sign-in left it
        readOnTheFirstSignInsIdSeeingTheUser(21, 33);

        assertThat(kinds()).doesNotContain(Kind.OLD_ID_SIGNED_IN);
    }

    @Test
    void aRequestOnTheIdOfAnEarlierSignInThatBeginsAfterTheSecondSignInEndedMustNotSeeTheUser() {
        signInTwiceWithASignOutBetween();
        readOnTheFirstSignInsIdSeeingTheUser(40, 50);

        assertThat(kinds()).contains(Kind.OLD_ID_SIGNED_IN);
    }

    /** Another client's read on the id the first sign-in gave ("old"), seeing USER. */
    private void readOnTheFirstSignInsIdSeeingTheUser(long start, long end) {
        op(OpType.READ, start, end)
                .client("c2")
                .cookie("old", null)
                .state(I)
                .user(USER)
                .add();
    }

    /** USER signs in (id pre -> old), signs out on old, and signs in again (old -> new), nobody signed in before it. */
    private void signInTwiceWithASignOutBetween() {
        op(OpType.SIGN_IN, 0, 10)
                .arg(USER)
                .cookie("pre", "old")
                .state(I)
                .user(USER)
                .add();
        readOnTheFirstSignInsIdSeeingTheUser(12, 16);
        op(OpType.SIGN_OUT, 18, 24)
                .client("c3")
                .cookie("old", null)
                .body(signedOut("old"))
                .add();
        op(OpType.SIGN_IN, 25, 35)
                .arg(USER)
                .cookie("old", "new")
                .state(I)
                .user(USER)
                .add();
    }

    @Test
    void aRequestWithTheOldIdThatReportsOrGetsTheNewIdIsCaught() {
        op(OpType.CHANGE_ID, 0, 10)
                .cookie("old", "new")
                .state(I)
                .sessionId("new")
                .add();
        op(OpType.READ, 5, 15)
                .node("B")
                .cookie("old", null)
                .state(I)
                .sessionId("new")
                .add();
        op(OpType.CART_ADD, 6, 16)
                .arg("x")
                .cookie("old", "new")
                .state(I)
                .sessionId("old")
                .add();

        assertThat(kinds()).containsExactlyInAnyOrder(Kind.OLD_ID_SAW_NEW_ID, Kind.OLD_ID_GOT_NEW_COOKIE);
    }

    @Test
    void concurrentRequestsOnTheOldIdThatStayOnItAreFine() {
        op(OpType.SIGN_IN, 0, 10)
                .arg(USER)
                .cookie("old", "new")
                .state(I)
                .user(USER)
                .sessionId("new")
                .add();
        op(OpType.READ, 1, 15)
                .node("B")
                .cookie("old", null)
                .state(I)
                .sessionId("old")
                .add();
        op(OpType.READ, 12, 18).cookie("old", null).state(null).add();
        op(OpType.READ, 20, 30)
                .cookie("new", null)
                .state(I)
                .user(USER)
                .sessionId("new")
                .add();

        CheckReport report = HistoryChecker.check(history);
        assertThat(report.violations()).isEmpty();
        assertThat(report.stats().rotations).isEqualTo(1);
    }

    // ---- a live session stays

    @Test
    void aSessionThatVanishesThoughNothingEndedItIsLost() {
        op(OpType.CART_ADD, 0, 10)
                .arg("x")
                .cookie("s1", null)
                .state(I)
                .cart("x")
                .add();
        op(OpType.READ, 20, 30).node("B").cookie("s1", null).state(null).add();

        assertThat(kinds()).containsExactly(Kind.SESSION_LOST);
    }

    @Test
    void anIdChangeThatAnswersWithoutASessionLosesIt() {
        op(OpType.READ, 0, 10).cookie("s1", null).state(I).add();
        op(OpType.CHANGE_ID, 20, 30).cookie("s1", null).state(null).add();

        assertThat(kinds()).containsExactly(Kind.SESSION_LOST);
    }

    @Test
    void aSessionMovedOrEndedMeanwhileMayBeGone() {
        op(OpType.READ, 0, 10).cookie("s1", null).state(I).add();
        op(OpType.CHANGE_ID, 20, 30).cookie("s1", "s2").state(I).sessionId("s2").add();
        op(OpType.READ, 25, 35).node("B").cookie("s1", null).state(null).add();
        op(OpType.READ, 40, 50).cookie("s2", null).state(I).sessionId("s2").add();
        op(OpType.REVOKE, 60, 70)
                .arg(USER)
                .body(Json.createObjectBuilder().add("invalidated", 1))
                .add();
        op(OpType.READ, 80, 90).cookie("s2", null).state(J).add();

        assertThat(kinds()).isEmpty();
    }

    // ---- the report and the file

    @Test
    void theReportCountsOperationsAndNamesEachViolationsOperations() {
        op(OpType.CART_ADD, 0, 10).arg("x").state(I).cart("x").add();
        op(OpType.READ, 20, 30).node("B").state(I).cart().add();
        op(OpType.REVOKE, 40, 50).arg(USER).status(500).add();

        CheckReport report = HistoryChecker.check(history);

        assertThat(report.counts().get(OpType.READ)).isEqualTo(Map.of(Outcome.OK, 1, Outcome.FAIL, 0, Outcome.INFO, 0));
        assertThat(report.counts().get(OpType.REVOKE).get(Outcome.INFO)).isEqualTo(1);
        assertThat(report.text())
                .contains("LOST_WRITE")
                .contains("cart item x")
                .contains("#1 cart-add(x) g1c1 on A")
                .contains("#2 read g1c1 on B");
    }

    @Test
    void aHistoryReadBackFromItsFileChecksTheSame(@TempDir Path dir) {
        op(OpType.CART_ADD, 0, 10)
                .arg("x")
                .cookie("s1", "s1")
                .state(I)
                .cart("x")
                .add();
        op(OpType.READ, 20, 30)
                .node("B")
                .state(I)
                .cart()
                .own("g1c2", 1)
                .counter(2)
                .add();
        op(OpType.EXPIRE, 40, 50).idleUntil(2_550).state(I).add();
        op(OpType.SIGN_IN, 60, 70).status(-1).error("timed out").add();
        Path file = dir.resolve("history.jsonl");

        HistoryFile.write(file, history);
        List<Op> read = HistoryFile.read(file);

        assertThat(read).isEqualTo(history);
        assertThat(HistoryChecker.check(read).violations())
                .extracting(Violation::kind)
                .containsExactly(Kind.LOST_WRITE);
    }

    // ---- making histories

    /** The answer of a sign-out of USER from the session with this id, of incarnation I. */
    private static JsonObjectBuilder signedOut(String sessionId) {
        return Json.createObjectBuilder()
                .add("sessionId", sessionId)
                .add("incarnation", I)
                .add("user", USER)
                .add("result", true);
    }

    private List<Kind> kinds() {
        return HistoryChecker.check(history).violations().stream()
                .map(Violation::kind)
                .toList();
    }

    private OpBuilder op(OpType type, long startMs, long endMs) {
        return new OpBuilder(type, startMs, endMs);
    }

    /** One operation of group 1, client g1c1, on node A, ok with no answer unless told otherwise. */
    private final class OpBuilder {
        private final OpType type;
        private final long startNs;
        private final long endNs;
        private long idleUntilNs;
        private String client = "g1c1";
        private String node = "A";
        private String arg;
        private String cookieSent;
        private String setCookie;
        private int status = 200;
        private String error;
        private JsonObjectBuilder body;

        OpBuilder(OpType type, long startMs, long endMs) {
            this.type = type;
            this.startNs = startMs * 1_000_000;
            this.endNs = endMs * 1_000_000;
            this.idleUntilNs = endNs;
        }

        OpBuilder node(String node) {
            this.node = node;
            return this;
        }

        OpBuilder client(String client) {
            this.client = client;
            return this;
        }

        OpBuilder arg(String arg) {
            this.arg = arg;
            return this;
        }

        OpBuilder idleUntil(long ms) {
            this.idleUntilNs = ms * 1_000_000;
            return this;
        }

        OpBuilder cookie(String sent, String set) {
            this.cookieSent = sent;
            this.setCookie = set;
            return this;
        }

        OpBuilder status(int status) {
            this.status = status;
            return this;
        }

        OpBuilder error(String error) {
            this.error = error;
            return this;
        }

        OpBuilder body(JsonObjectBuilder body) {
            this.body = body;
            return this;
        }

        /** The answer of the application: incarnation (null: no session), nobody signed in, an empty state. */
        OpBuilder state(String incarnation) {
            body = Json.createObjectBuilder().addNull("user");
            if (incarnation == null) {
                body.addNull("sessionId").addNull("incarnation");
            } else {
                body.add("sessionId", cookieSent == null ? "s1" : cookieSent)
                        .add("incarnation", incarnation)
                        .add("cart", Json.createArrayBuilder())
                        .add("own", Json.createObjectBuilder())
                        .add("counter", 0);
            }
            return this;
        }

        OpBuilder user(String user) {
            body.add("user", user);
            return this;
        }

        OpBuilder sessionId(String id) {
            body.add("sessionId", id);
            return this;
        }

        OpBuilder cart(String... items) {
            body.add("cart", Json.createArrayBuilder(List.of(items)));
            return this;
        }

        OpBuilder own(String ofClient, int value) {
            body.add("own", Json.createObjectBuilder().add(ofClient, value));
            return this;
        }

        OpBuilder counter(int value) {
            body.add("counter", value);
            return this;
        }

        OpBuilder result(int value) {
            body.add("result", value);
            return this;
        }

        void add() {
            Outcome outcome = status < 0 ? Outcome.INFO : Outcome.ofStatus(status);
            history.add(new Op(
                    history.size() + 1,
                    type,
                    1,
                    client,
                    node,
                    startNs,
                    endNs,
                    idleUntilNs,
                    arg,
                    cookieSent,
                    setCookie,
                    false,
                    status,
                    outcome,
                    outcome == Outcome.OK && body != null ? body.build() : null,
                    error));
        }
    }
}
