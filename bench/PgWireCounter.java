import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL wire-protocol proxy that counts what clients send: a benchmark helper, JDK only, run as a
 * single-file source program:
 *
 * <pre>java bench/PgWireCounter.java LISTEN_PORT SERVER_HOST SERVER_PORT COUNTS_FILE</pre>
 *
 * It forwards bytes both ways unchanged and parses the client-to-server stream: an untyped SSLRequest or
 * GSSENCRequest (answered by the server with one byte, 'N' to go on unencrypted), an untyped StartupMessage,
 * then messages of a type byte and an int32 length. Counted:
 * <ul>
 *   <li>statements: Execute ('E') plus simple Query ('Q') messages;
 *   <li>syncs: Sync ('S') plus simple Query ('Q') messages, each of which the server answers with ReadyForQuery;
 *   <li>round trips: syncs, less the simple-Query BEGINs directly followed by extended-query messages: pgjdbc
 *       sends the BEGIN of a transaction as a simple Query together with the transaction's first statement
 *       and its Sync, in one write, before it reads any answer, so the two are one wait for the server;
 *   <li>statements per SQL text: Parse ('P') maps a statement name to its SQL, Bind ('B') a portal to its
 *       statement, and each Execute is attributed to the SQL of its portal (pgjdbc reuses named server-side
 *       statements without a new Parse).
 * </ul>
 * Every 200 ms the counts are written to COUNTS_FILE (replaced atomically) as tab-separated lines:
 * {@code statements N}, {@code syncs N}, {@code roundtrips N}, {@code connections N}, then one
 * {@code sql COUNT LABEL SQL} line per SQL text, where LABEL is the first keyword and the first
 * sessiondb_ or spring_session table named, in lower case (e.g. {@code SELECT:sessiondb_session}).
 * PGWIRE_TRACE=true logs every client message.
 */
public class PgWireCounter {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    /** PGWIRE_TRACE=true: every client message's type and length on standard error. */
    private static final boolean TRACE = Boolean.parseBoolean(System.getenv("PGWIRE_TRACE"));

    private static final LongAdder STATEMENTS = new LongAdder();
    private static final LongAdder SYNCS = new LongAdder();
    private static final LongAdder PIPELINED_BEGINS = new LongAdder();
    /** Extended-query messages: after a simple Query BEGIN, they show it was pipelined. */
    private static final String EXTENDED = "PBDEC";
    private static final Pattern BEGIN = Pattern.compile("(?i)\\s*(BEGIN|START TRANSACTION)\\b[^;]*;?\\s*");
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static final Map<String, LongAdder> PER_SQL = new ConcurrentHashMap<>();
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(sessiondb_[a-z_]+|spring_session(?:_attributes)?)\\b");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java PgWireCounter.java LISTEN_PORT SERVER_HOST SERVER_PORT COUNTS_FILE");
            System.exit(2);
        }
        int listenPort = Integer.parseInt(args[0]);
        String serverHost = args[1];
        int serverPort = Integer.parseInt(args[2]);
        Path countsFile = Path.of(args[3]);

        Thread writer = new Thread(() -> {
            while (true) {
                try {
                    writeCounts(countsFile);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    System.err.println("cannot write " + countsFile + ": " + e);
                }
            }
        }, "counts-writer");
        writer.setDaemon(true);
        writer.start();

        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
            System.err.println("PgWireCounter listening on " + listenPort + " -> " + serverHost + ":" + serverPort);
            while (true) {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(serverHost, serverPort);
                } catch (IOException e) {
                    System.err.println("cannot reach the server: " + e);
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                CONNECTIONS.incrementAndGet();
                Thread up = new Thread(() -> clientToServer(client, server), "c2s");
                up.setDaemon(true);
                up.start();
            }
        }
    }

    private static void copyRaw(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        }
    }

    /** Client to server: parsed message by message, each forwarded whole once read. */
    private static void clientToServer(Socket client, Socket server) {
        Map<String, String> statements = new TreeMap<>(); // statement name ("" = unnamed) -> SQL
        Map<String, String> portals = new TreeMap<>(); // portal name -> statement name
        try (client; server) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 65536));
            OutputStream out = server.getOutputStream();
            // untyped messages first: SSLRequest / GSSENCRequest (any number), then StartupMessage or CancelRequest
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                boolean startup = code != SSL_REQUEST && code != GSSENC_REQUEST && code != CANCEL_REQUEST;
                out.write(intBytes(length));
                out.write(body);
                out.flush();
                if (code == CANCEL_REQUEST) {
                    return;
                }
                if (startup) {
                    break;
                }
                // SSLRequest / GSSENCRequest: the server answers with one byte, 'N' to go on unencrypted
                int answer = server.getInputStream().read();
                if (answer < 0) {
                    return;
                }
                client.getOutputStream().write(answer);
                client.getOutputStream().flush();
                if (answer != 'N') { // encrypted from here on: copy without counting
                    Thread down = new Thread(() -> copyRaw(server, client), "s2c");
                    down.setDaemon(true);
                    down.start();
                    copyRaw(client, server);
                    return;
                }
            }
            Thread down = new Thread(() -> copyRaw(server, client), "s2c");
            down.setDaemon(true);
            down.start();
            boolean lastWasBegin = false; // the previous message was a simple Query BEGIN
            while (true) {
                int type;
                try {
                    type = in.readUnsignedByte();
                } catch (EOFException e) {
                    return;
                }
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (TRACE) {
                    System.err.println("C " + (char) type + " " + length);
                }
                if (lastWasBegin && EXTENDED.indexOf(type) >= 0) {
                    // pgjdbc's BEGIN: sent with the transaction's first statement, no wait for its answer
                    PIPELINED_BEGINS.increment();
                }
                lastWasBegin = false;
                switch (type) {
                    case 'P' -> {
                        int[] pos = {0};
                        String name = cString(body, pos);
                        String sql = cString(body, pos);
                        statements.put(name, sql);
                    }
                    case 'B' -> {
                        int[] pos = {0};
                        String portal = cString(body, pos);
                        String statement = cString(body, pos);
                        portals.put(portal, statement);
                    }
                    case 'E' -> {
                        int[] pos = {0};
                        String portal = cString(body, pos);
                        String statement = portals.get(portal);
                        String sql = statement == null ? null : statements.get(statement);
                        STATEMENTS.increment();
                        countSql(sql == null ? "(unknown portal " + portal + ")" : sql);
                    }
                    case 'Q' -> {
                        int[] pos = {0};
                        String sql = cString(body, pos);
                        STATEMENTS.increment();
                        SYNCS.increment();
                        countSql(sql);
                        lastWasBegin = BEGIN.matcher(sql).matches();
                    }
                    case 'S' -> SYNCS.increment();
                    case 'C' -> { // Close: 'S'tatement or 'P'ortal, then the name
                        int[] pos = {1};
                        String name = cString(body, pos);
                        if (body[0] == 'S') {
                            statements.remove(name);
                        } else {
                            portals.remove(name);
                        }
                    }
                    default -> { }
                }
                out.write(type);
                out.write(intBytes(length));
                out.write(body);
                if (in.available() == 0) { // a pipelined batch goes on whole, before any answer can come back
                    out.flush();
                }
            }
        } catch (IOException e) {
            // connection closed
        }
    }

    private static void countSql(String sql) {
        PER_SQL.computeIfAbsent(sql.strip().replaceAll("\\s+", " "), k -> new LongAdder()).increment();
    }

    private static String cString(byte[] body, int[] pos) {
        int start = pos[0];
        int end = start;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        pos[0] = end + 1;
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static String label(String sql) {
        String[] words = sql.strip().split("\\s+", 2);
        if (words.length == 0 || words[0].isEmpty()) {
            return "(empty query: connection check)";
        }
        String keyword = words[0].toUpperCase();
        Matcher table = TABLE.matcher(sql);
        return table.find() ? keyword + ":" + table.group(1).toLowerCase() : keyword;
    }

    private static void writeCounts(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("statements\t").append(STATEMENTS.sum()).append('\n');
        text.append("syncs\t").append(SYNCS.sum()).append('\n');
        text.append("roundtrips\t").append(SYNCS.sum() - PIPELINED_BEGINS.sum()).append('\n');
        text.append("connections\t").append(CONNECTIONS.get()).append('\n');
        new TreeMap<>(PER_SQL).forEach((sql, count) -> text.append("sql\t").append(count.sum()).append('\t')
                .append(label(sql)).append('\t').append(sql.replace('\t', ' ')).append('\n'));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text.toString());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
