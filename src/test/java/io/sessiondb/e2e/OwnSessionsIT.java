package io.sessiondb.e2e;

import static io.sessiondb.e2e.OperationsServer.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A signed-in user's own sessions ({@code /api/me/sessions}), the "devices" page, over real HTTP: what each
 * lists, revoking one, and that no user ever sees or revokes another's.
 */
@EveryDatabase
@ExtendWith(OperationsServer.class)
@ResourceLock(OperationsServer.LOCK)
class OwnSessionsIT {

    private static PayaraMicroServer server;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Test
    void aUserSeesEachOfTheirDevicesAndWhichOneTheyAreOn() throws Exception {
        String user = "devices-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        Thread.sleep(20);
        HttpSessionClient phone = signedIn(user, "Phone/1");
        signedIn("someone-else-" + UUID.randomUUID(), "Laptop/1");

        ApiResponse mine = laptop.get("/api/me/sessions");

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().getInt("total")).isEqualTo(2);
        List<JsonObject> sessions = mine.json().getJsonArray("sessions").getValuesAs(JsonObject.class);
        assertThat(sessions).extracting(s -> s.getString("userAgent")).containsExactly("Phone/1", "Laptop/1");
        assertThat(sessions)
                .extracting(s -> s.getString("fingerprint"))
                .containsExactly(fingerprint(phone), fingerprint(laptop));
        assertThat(sessions).extracting(s -> s.getBoolean("current")).containsExactly(false, true);
        for (JsonObject session : sessions) {
            assertThat(session.getString("address")).isIn("127.0.0.0/24", "0:0:0::/48");
            assertThat(Instant.parse(session.getString("lastActive")))
                    .isAfterOrEqualTo(Instant.parse(session.getString("created")));
            assertThat(session.containsKey("principal"))
                    .as("the user knows who they are")
                    .isFalse();
        }
        assertThat(phone.get("/api/me/sessions").json().getJsonArray("sessions").getValuesAs(JsonObject.class))
                .extracting(s -> s.getBoolean("current"))
                .containsExactly(true, false);
    }

    @Test
    void revokingAnotherDeviceSignsItOutAndLeavesThisOne() {
        String user = "revoker-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        HttpSessionClient stolenPhone = signedIn(user, "Phone/1");

        ApiResponse revoked = laptop.delete("/api/me/sessions/" + fingerprint(stolenPhone));

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(stolenPhone.get("/api/session").json().isNull("username")).isTrue();
        assertThat(laptop.get("/api/session").json().getString("username")).isEqualTo(user);
        assertThat(laptop.get("/api/me/sessions").json().getInt("total")).isEqualTo(1);
    }

    @Test
    void revokingTheCurrentSessionSignsOutAndClearsTheCookie() {
        String user = "leaver-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");

        ApiResponse revoked = laptop.delete("/api/me/sessions/" + fingerprint(laptop));

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(revoked.sessionCookie())
                .hasValueSatisfying(cookie -> assertThat(cookie.deletes()).isTrue());
        assertThat(laptop.get("/api/me/sessions").status()).isEqualTo(401);
    }

    @Test
    void noUserSeesOrRevokesAnotherUsersSession() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        HttpSessionClient alicesLaptop = signedIn(alice, "Laptop/1");
        HttpSessionClient bobsPhone = signedIn(bob, "Phone/1");

        assertThat(alicesLaptop.get("/api/me/sessions").body()).doesNotContain(fingerprint(bobsPhone));
        ApiResponse attempt = alicesLaptop.delete("/api/me/sessions/" + fingerprint(bobsPhone));

        assertThat(attempt.status()).as("answered as if it did not exist").isEqualTo(404);
        assertThat(attempt.json().getString("error")).contains("You have no live session with the fingerprint");
        assertThat(bobsPhone.get("/api/session").json().getString("username")).isEqualTo(bob);
        assertThat(bobsPhone.get("/api/me/sessions").json().getInt("total")).isEqualTo(1);
    }

    private static HttpSessionClient signedIn(String user, String userAgent) {
        return OperationsServer.signedIn(server, user, userAgent);
    }

    @Test
    void withoutSigningInThereIsNothingToSeeAndBadRequestsAreNamed() {
        HttpSessionClient anonymous = server.visitor();
        assertThat(anonymous.addItem("apple").status()).isEqualTo(201);

        ApiResponse list = anonymous.get("/api/me/sessions");
        assertThat(list.status()).isEqualTo(401);
        assertThat(list.json().getString("error")).isEqualTo("Sign in to see your sessions");
        assertThat(anonymous
                        .delete("/api/me/sessions/" + fingerprint(anonymous))
                        .status())
                .isEqualTo(401);

        HttpSessionClient user = signedIn("asker-" + UUID.randomUUID(), "Laptop/1");
        assertThat(user.delete("/api/me/sessions/not-one").status()).isEqualTo(400);
        assertThat(user.delete("/api/me/sessions").status()).isEqualTo(405);
        assertThat(user.get("/api/me/sessions/" + fingerprint(user)).status()).isEqualTo(405);
        assertThat(user.get("/api/me/sessions?all=true").status()).isEqualTo(400);
        assertThat(user.get("/api/me/sessions/a/b").status()).isEqualTo(404);
    }
}
