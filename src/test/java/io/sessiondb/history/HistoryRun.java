package io.sessiondb.history;

import io.sessiondb.testing.AdminCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs the clients of every group against the nodes, on two nodes for the first three quarters of the run
 * and on node A alone for the rest, and returns the history: every operation, numbered in order of start.
 */
final class HistoryRun {

    /** Rounds of every operation on each node before the run, not recorded: the nodes' first requests are slow. */
    private static final int WARM_UP_ROUNDS = 5;

    private final HistorySettings settings;
    private final Map<String, URI> nodes;
    private final String adminAuthorization;
    private final HttpClient http = HistoryClient.newHttpClient();
    private long startNs;

    /**
     * @param nodes the base address of node {@code A} and of node {@code B}
     */
    HistoryRun(HistorySettings settings, Map<String, URI> nodes, AdminCredentials admin) {
        this.settings = settings;
        this.nodes = Map.copyOf(nodes);
        this.adminAuthorization = admin.authorization();
    }

    List<Op> run() {
        startNs = System.nanoTime();
        new HistoryClient(this, new SessionGroup(0, settings.seed()), 0, 0, new ConcurrentLinkedQueue<>())
                .warmUp(List.of("A", "B"), WARM_UP_ROUNDS);
        Queue<Op> recorded = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        startNs = System.nanoTime();
        for (int g = 1; g <= settings.groups(); g++) {
            SessionGroup group = new SessionGroup(g, settings.seed());
            for (int c = 1; c <= settings.clients(); c++) {
                Thread thread = new Thread(
                        new HistoryClient(this, group, c, settings.seed(), recorded), "history-g" + g + "c" + c);
                thread.start();
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<Op> sorted =
                recorded.stream().sorted(Comparator.comparingLong(Op::startNs)).toList();
        List<Op> numbered = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Op op = sorted.get(i);
            numbered.add(new Op(
                    i + 1,
                    op.type(),
                    op.group(),
                    op.client(),
                    op.node(),
                    op.startNs(),
                    op.endNs(),
                    op.idleUntilNs(),
                    op.arg(),
                    op.cookieSent(),
                    op.setCookie(),
                    op.cookieCleared(),
                    op.status(),
                    op.outcome(),
                    op.body(),
                    op.error()));
        }
        return numbered;
    }

    HistorySettings settings() {
        return settings;
    }

    long elapsedNs() {
        return System.nanoTime() - startNs;
    }

    boolean twoNodes() {
        return elapsedNs() < settings.twoNodeNs();
    }

    String base(String node) {
        String base = nodes.get(node).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String adminAuthorization() {
        return adminAuthorization;
    }

    HttpClient http() {
        return http;
    }
}
