package io.sessiondb.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.sessiondb.cache.TestSessionCache;
import io.sessiondb.config.TestConfig;
import io.sessiondb.servlet.SessionExchange;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.LockAttempt;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated {@code Cookie} and {@code X-Forwarded-Proto} values through the whole cookie path, as a
 * request meets it: reading the cookie, verifying its signature, loading the session, finishing the
 * request. Only a correctly signed value may reach the database, and nothing may throw.
 */
class CookiePathFuzzTest {

    private static final int VALUES = 10_000;
    private static final String SECRET = "a-secret-of-at-least-32-characters-xx";
    private static final CookieSigner SIGNER = new CookieSigner(List.of(SECRET));
    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "x'; DROP TABLE sessiondb_session; --",
            "\" OR \"\"=\"",
            "1 UNION SELECT id, principal_name FROM sessiondb_session",
            "%27%20OR%201=1--",
            "${jndi:ldap://example.com/a}");

    private final Random random = new Random(20_261_130L);
    private final String storedId = id();
    private final CountingRepository repository = new CountingRepository(storedId);
    private SessionCookies cookies;

    CookiePathFuzzTest() {
        cookies = TestCookies.of(TestConfig.settings(Map.of("sessiondb.secrets", SECRET)));
    }

    /** A generated cookie value, and the session id it validly carries, if any. */
    private record Generated(String value, String signedId) {}

    @Test
    void onlyCorrectlySignedValuesAreVerifiedAndLookedUpAndNothingThrows() {
        int signed = 0;
        for (int i = 0; i < VALUES; i++) {
            Generated generated = generate(i % 7);
            HttpServletRequest request = request(generated.value(), forwardedProto(), i % 2 == 0 ? "10.0.0.1" : "::1");
            repository.lookedUp.clear();

            Optional<String> verified = cookies.requestedValue(request).flatMap(cookies::verifiedId);
            SessionExchange session = new SessionExchange(
                    request,
                    response(),
                    TestSessionCache.of(repository, mock(SessionEvents.class), cookies.config),
                    cookies,
                    0);
            StoredSession loaded = session.session(false);
            session.finish();

            String what = "value #" + i + ": " + generated.value();
            assertThat(verified).as(what).isEqualTo(Optional.ofNullable(generated.signedId()));
            if (generated.signedId() == null) {
                assertThat(repository.lookedUp).as(what).isEmpty();
                assertThat(loaded).as(what).isNull();
            } else {
                signed++;
                assertThat(repository.lookedUp).as(what).isNotEmpty().containsOnly(generated.signedId());
                assertThat(loaded != null)
                        .as(what)
                        .isEqualTo(generated.signedId().equals(storedId));
            }
        }
        assertThat(signed).as("correctly signed values among the generated").isBetween(VALUES / 10, VALUES / 4);
    }

    private Generated generate(int kind) {
        return switch (kind) {
            case 0 -> new Generated(printable(random.nextInt(100)), null);
            case 1 -> new Generated(printable(4096 + random.nextInt(3072)), null);
            case 2 -> new Generated(storedId + "." + id(), null); // a forged signature on a real id
            case 3 -> new Generated(random.nextBoolean() ? storedId : id(), null); // an id without a signature
            case 4 -> new Generated(INJECTIONS.get(random.nextInt(INJECTIONS.size())) + printable(5), null);
            case 5 -> tampered(SIGNER.sign(storedId));
            default -> {
                String id = random.nextBoolean() ? storedId : id();
                yield new Generated(SIGNER.sign(id), id);
            }
        };
    }

    /** A validly signed value with one character changed, or cut short. */
    private Generated tampered(String signed) {
        if (random.nextBoolean()) {
            return new Generated(signed.substring(0, random.nextInt(signed.length())), null);
        }
        int at = random.nextInt(signed.length());
        char replacement = signed.charAt(at) == 'A' ? 'B' : 'A';
        return new Generated(signed.substring(0, at) + replacement + signed.substring(at + 1), null);
    }

    private String printable(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
        }
        return text.toString();
    }

    /** A well-formed session id from the seeded generator, so every run sees the same values. */
    private String id() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String forwardedProto() {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "https";
            case 2 -> "http";
            default -> printable(random.nextInt(20));
        };
    }

    /** A request carrying the value as its session cookie, after a cookie of another name. */
    private static HttpServletRequest request(String cookieValue, String forwardedProto, String remoteAddress) {
        Cookie[] sent = {new Cookie("other", "x"), new Cookie("SESSIONDB", cookieValue)};
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> sent;
                    case "getHeader" -> "X-Forwarded-Proto".equalsIgnoreCase((String) args[0]) ? forwardedProto : null;
                    case "getRemoteAddr" -> remoteAddress;
                    case "getContextPath" -> "";
                    case "isSecure" -> false;
                    default -> null;
                });
    }

    private static HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("isCommitted") ? false : null);
    }

    /** Holds one session; records the id of every lookup, of whatever kind. */
    private static final class CountingRepository implements SessionRepository {

        private final String storedId;
        private final List<String> lookedUp = new ArrayList<>();

        CountingRepository(String storedId) {
            this.storedId = storedId;
        }

        @Override
        public Optional<SessionData> findById(String sessionId) {
            lookedUp.add(sessionId);
            return sessionId.equals(storedId)
                    ? Optional.of(new SessionData(
                            "key", 0, 0, 1800, null, null, Map.of(), null, 0, null, 0L, Long.MAX_VALUE, 0L))
                    : Optional.empty();
        }

        @Override
        public boolean rotatedWithin(String oldSessionId, int graceSeconds) {
            lookedUp.add(oldSessionId);
            return false;
        }

        @Override
        public boolean exists(String sessionId) {
            lookedUp.add(sessionId);
            return sessionId.equals(storedId);
        }

        @Override
        public LockAttempt tryLock(String sessionId, long leaseMs) {
            lookedUp.add(sessionId);
            return LockAttempt.NO_SESSION;
        }

        @Override
        public void unlock(String sessionId, long lockedUntilMs) {
            lookedUp.add(sessionId);
        }

        @Override
        public Map<String, Long> liveVersions(List<String> sessionIds) {
            lookedUp.addAll(sessionIds);
            return sessionIds.contains(storedId) ? Map.of(storedId, 0L) : Map.of();
        }

        @Override
        public OptionalLong save(SessionWrite write) {
            lookedUp.add(write.sessionId());
            return OptionalLong.of(1);
        }

        @Override
        public boolean deleteById(String sessionId) {
            lookedUp.add(sessionId);
            return false;
        }

        @Override
        public OptionalLong changeId(String oldSessionId, String newSessionId, String principalName, long baseVersion) {
            lookedUp.add(oldSessionId);
            return OptionalLong.empty();
        }

        @Override
        public List<SessionData> findExpired(int limit) {
            throw new UnsupportedOperationException("not part of a request");
        }

        @Override
        public Set<String> deleteExpired(Collection<String> keys) {
            throw new UnsupportedOperationException("not part of a request");
        }
    }
}
