package io.sessiondb.operations.admin;

import io.sessiondb.config.AdminSettings;
import io.sessiondb.config.PasswordHash;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.servlet.ClientDevice;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Who may use the admin API: a request the application has signed in with the role {@value #ROLE}, or one
 * that presents the HTTP Basic credentials of {@code sessiondb.admin.*}. Those credentials are checked here
 * and nowhere else: they sign nobody in to the application, whatever mechanism it uses.
 *
 * <ul>
 *   <li>Failed sign-ins are throttled per client address and over all clients ({@link SignInThrottle}); a
 *       throttled request is not checked at all.
 *   <li>Credentials once accepted are remembered for at most {@value #REMEMBERED_FOR_MS} ms (PBKDF2 is slow on
 *       purpose, and the admin page asks often), and all are forgotten on any failure.
 *   <li>An unknown user name costs the same time as a wrong password: its password is checked against a
 *       decoy hash of the same cost.
 * </ul>
 */
@ApplicationScoped
public class AdminAccess {

    public static final String ROLE = "sessiondb-admin";
    static final long REMEMBERED_FOR_MS = 60_000;
    private static final int MAX_REMEMBERED = 16;
    private static final String BASIC = "Basic ";
    private static final Logger LOG = Logger.getLogger(AdminAccess.class.getName());

    /** The answer to a request. */
    enum Verdict {
        ALLOWED,
        /** No credentials, or wrong ones. */
        UNAUTHENTICATED,
        /** Too many failed sign-ins: not checked. */
        THROTTLED
    }

    /**
     * @param verdict whether the request gets in
     * @param retryAfterSeconds when {@link Verdict#THROTTLED}, how long the client must wait
     */
    record Decision(Verdict verdict, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(Verdict.ALLOWED, 0);
        static final Decision UNAUTHENTICATED = new Decision(Verdict.UNAUTHENTICATED, 0);
    }

    @Inject
    SessionDbConfig config;

    LongSupplier clock = System::currentTimeMillis;
    private final SignInThrottle throttle = new SignInThrottle();
    /** Accepted {@code Authorization} headers, by digest, with when each is forgotten. */
    private final Map<String, Long> remembered = new ConcurrentHashMap<>();

    private byte[] username;
    PasswordHash hash;
    PasswordHash decoy;

    @PostConstruct
    void readCredentials() {
        AdminSettings admin = config.admin();
        if (admin.enabled()) {
            username = admin.username().getBytes(StandardCharsets.UTF_8);
            hash = admin.hash();
            decoy = hash.decoy();
        }
    }

    Decision check(HttpServletRequest request) {
        if (request.isUserInRole(ROLE)) {
            return Decision.ALLOWED;
        }
        String authorization = request.getHeader("Authorization");
        if (hash == null || authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Decision.UNAUTHENTICATED;
        }
        String client = ClientDevice.clientAddress(request, config.cookie())
                .map(HexFormat.of()::formatHex)
                .orElse("unknown");
        long nowMs = clock.getAsLong();
        long retryAfterSeconds = throttle.retryAfterSeconds(client, nowMs);
        if (retryAfterSeconds > 0) {
            return new Decision(Verdict.THROTTLED, retryAfterSeconds);
        }
        String digest = digest(authorization);
        Long forgetAtMs = remembered.get(digest);
        if (forgetAtMs != null && nowMs < forgetAtMs) {
            return Decision.ALLOWED;
        }
        if (!accepts(authorization.substring(BASIC.length()))) {
            remembered.clear();
            throttle.failed(client, nowMs);
            if (throttle.retryAfterSeconds(client, nowMs) > 0) {
                LOG.warning("Failed sign-ins to the SessionDB admin API: the next ones are refused for "
                        + SignInThrottle.WINDOW_MS / 1000 + " s at most");
            }
            return Decision.UNAUTHENTICATED;
        }
        throttle.succeeded(client);
        remembered.values().removeIf(forgetAt -> forgetAt <= nowMs);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(digest, nowMs + REMEMBERED_FOR_MS);
        return Decision.ALLOWED;
    }

    /** Whether the Basic credentials are the admin's; as slow for an unknown user as for a wrong password. */
    private boolean accepts(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean knownUser =
                MessageDigest.isEqual(username, decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8));
        char[] password = decoded.substring(colon + 1).toCharArray();
        return (knownUser ? hash : decoy).matches(password) && knownUser;
    }

    private static String digest(String authorization) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
