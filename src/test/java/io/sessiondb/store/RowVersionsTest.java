package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowVersionsTest {

    @Test
    void whileNoAnnouncementComesBackTheOldestVersionsAreForgottenAndTheNewestKept() {
        RowVersions versions = new RowVersions();
        versions.remember();
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            written.add(versions.forSessionWrite());
        }

        assertThat(versions.remembered()).isEqualTo(10_000);
        assertThat(versions.writtenHere(written.get(0)))
                .as("the oldest, forgotten")
                .isFalse();
        assertThat(versions.writtenHere(written.get(written.size() - 1)))
                .as("the newest")
                .isTrue();
        assertThat(versions.writtenHere(written.get(written.size() - 1)))
                .as("once per announcement")
                .isFalse();
    }

    @Test
    void versionsAreRememberedOnlyOnceTheFeedListens() {
        RowVersions versions = new RowVersions();

        long beforeListening = versions.forSessionWrite();

        assertThat(versions.writtenHere(beforeListening)).isFalse();
        assertThat(versions.remembered()).isZero();
    }

    @Test
    void versionsOfVisitCountsAreNeverRememberedSoTheirAnnouncementsReachThisNode() {
        RowVersions versions = new RowVersions();
        versions.remember();

        long visitCount = versions.forVisitCount();

        assertThat(versions.remembered()).isZero();
        assertThat(versions.writtenHere(visitCount)).isFalse();
    }

    @Test
    void anAnnouncementOfAnotherNodesWriteLeavesTheVersionsWrittenHereWaiting() {
        RowVersions versions = new RowVersions();
        versions.remember();
        long first = versions.forSessionWrite();
        long second = versions.forSessionWrite();
        long elsewhere = 1;
        while (elsewhere == first || elsewhere == second) {
            elsewhere++; // a version this node did not write
        }

        assertThat(versions.writtenHere(elsewhere)).isFalse();
        assertThat(versions.remembered()).isEqualTo(2);
        assertThat(versions.writtenHere(second)).isTrue();
        assertThat(versions.remembered()).isOne();
        assertThat(versions.writtenHere(first)).isTrue();
    }
}
