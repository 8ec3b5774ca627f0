package io.sessiondb.history;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.SetCookie;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.locks.Lock;

/**
 * One client of a {@link SessionGroup} (a browser tab): random operations, one after another, each recorded
 * as an {@link Op}, until the run ends. Its choices come from its own seeded {@link Random}.
 */
final class HistoryClient implements Runnable {

    /** How long a short expiry leaves the group idle after setting the timeout to 1 s. */
    static final long EXPIRY_IDLE_MS = 2_500;
    /** At most one short expiry per group in this time: each pauses the group. */
    private static final long EXPIRY_SPACING_NS = 10_000_000_000L;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HistoryRun run;
    private final SessionGroup group;
    private final String name;
    private final Random random;
    private final Queue<Op> recorded;
    private int itemCount;
    private int ownValue;

    HistoryClient(HistoryRun run, SessionGroup group, int index, long seed, Queue<Op> recorded) {
        this.run = run;
        this.group = group;
        this.name = "g" + group.number + "c" + index;
        this.random = new Random(seed * 1_000_003L + group.number * 101L + index);
        this.recorded = recorded;
    }

    @Override
    public void run() {
        while (run.elapsedNs() < run.settings().totalNs()) {
            int choice = random.nextInt(100);
            String node = random.nextBoolean() || !run.twoNodes() ? "A" : "B";
            if (choice >= 98 && mayExpire()) {
                expire(node);
                continue;
            }
            Lock lock = group.pause().readLock();
            lock.lock();
            try {
                perform(choice, node);
            } finally {
                lock.unlock();
            }
        }
    }

    private void perform(int choice, String node) {
        if (choice < 32) {
            session(OpType.READ, node, "GET", "/history/read", null);
        } else if (choice < 56) {
            String item = name + "-" + ++itemCount;
            session(OpType.CART_ADD, node, "POST", "/history/cart?item=" + item, item);
        } else if (choice < 70) {
            int value = ++ownValue;
            session(OpType.OWN_SET, node, "POST", "/history/own?client=" + name + "&value=" + value, "" + value);
        } else if (choice < 84) {
            session(OpType.COUNTER, node, "POST", "/history/counter", null);
        } else if (choice < 88) {
            session(OpType.CHANGE_ID, node, "POST", "/history/change-id", null);
        } else if (choice < 93 && group.knownUser() == null && group.signingIn.compareAndSet(false, true)) {
            try {
                session(OpType.SIGN_IN, node, "POST", "/history/signin?user=" + encode(group.user), group.user);
            } finally {
                group.signingIn.set(false);
            }
        } else if (choice >= 93 && choice < 96) {
            session(OpType.SIGN_OUT, node, "POST", "/history/signout", null);
        } else if (choice >= 96 && choice < 98) {
            revoke(node);
        } else {
            session(OpType.READ, node, "GET", "/history/read", null);
        }
    }

    /** Runs each kind of operation a few times on each node, so that the run does not start on cold nodes. */
    void warmUp(List<String> nodes, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (String node : nodes) {
                for (int choice : new int[] {0, 32, 56, 70, 84, 88, 93, 96}) {
                    perform(choice, node);
                }
            }
        }
    }

    private boolean mayExpire() {
        long now = run.elapsedNs();
        long last = group.lastExpiryNs.get();
        return now - last >= EXPIRY_SPACING_NS
                && now + EXPIRY_IDLE_MS * 1_000_000L < run.settings().totalNs()
                && group.lastExpiryNs.compareAndSet(last, now);
    }

    /** Sets a 1 s timeout, leaves the group idle, then reads: the session must be gone. */
    private void expire(String node) {
        Lock lock = group.pause().writeLock();
        lock.lock();
        try {
            Op set = exchange(OpType.EXPIRE, node, "POST", "/history/expire-soon", null, true, false);
            long idleUntil = set.endNs();
            if (set.ok()) {
                sleep(EXPIRY_IDLE_MS);
                idleUntil = run.elapsedNs();
            }
            record(withIdleUntil(set, idleUntil));
            session(OpType.READ, node, "GET", "/history/read", null);
        } finally {
            lock.unlock();
        }
    }

    private void session(OpType type, String node, String method, String path, String arg) {
        record(exchange(type, node, method, path, arg, true, false));
    }

    private void revoke(String node) {
        record(exchange(
                OpType.REVOKE,
                node,
                "DELETE",
                "/api/admin/sessions?principal=" + encode(group.user),
                group.user,
                false,
                true));
    }

    private Op exchange(
            OpType type, String node, String method, String path, String arg, boolean withCookie, boolean asAdmin) {
        String cookieValue = withCookie ? group.cookieValue() : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.base(node) + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookieValue != null) {
            request.header("Cookie", SessionGroup.cookieHeader(cookieValue));
        }
        if (asAdmin) {
            request.header("Authorization", run.adminAuthorization());
        }
        long start = run.elapsedNs();
        try {
            HttpResponse<String> response = run.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            long end = run.elapsedNs();
            String setValue = null;
            boolean cleared = false;
            for (String header : response.headers().allValues("set-cookie")) {
                SetCookie cookie = SetCookie.parse(header);
                if (cookie.name().equals(ApiResponse.SESSION_COOKIE)) {
                    cleared = cookie.deletes();
                    setValue = cleared ? null : cookie.value();
                }
            }
            if (withCookie) {
                group.apply(setValue, cleared);
            }
            Outcome outcome = Outcome.ofStatus(response.statusCode());
            JsonObject body = outcome == Outcome.OK ? json(response.body()) : null;
            Op op = new Op(
                    0,
                    type,
                    group.number,
                    name,
                    node,
                    start,
                    end,
                    end,
                    arg,
                    SessionGroup.idOf(cookieValue),
                    SessionGroup.idOf(setValue),
                    cleared,
                    response.statusCode(),
                    outcome,
                    body,
                    outcome == Outcome.OK ? null : abbreviate(response.body()));
            if (op.ok()) {
                group.saw(type == OpType.SIGN_OUT || type == OpType.REVOKE ? null : op.user());
            }
            return op;
        } catch (IOException | RuntimeException e) {
            return new Op(
                    0,
                    type,
                    group.number,
                    name,
                    node,
                    start,
                    run.elapsedNs(),
                    run.elapsedNs(),
                    arg,
                    SessionGroup.idOf(cookieValue),
                    null,
                    false,
                    -1,
                    Outcome.INFO,
                    null,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void record(Op op) {
        recorded.add(op);
    }

    private static Op withIdleUntil(Op op, long idleUntilNs) {
        return new Op(
                op.id(),
                op.type(),
                op.group(),
                op.client(),
                op.node(),
                op.startNs(),
                op.endNs(),
                idleUntilNs,
                op.arg(),
                op.cookieSent(),
                op.setCookie(),
                op.cookieCleared(),
                op.status(),
                op.outcome(),
                op.body(),
                op.error());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder()
                    .add("unreadable", abbreviate(body))
                    .build();
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one HTTP client of a run: HTTP/1.1, no cookie handler (each request names its cookie). */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
