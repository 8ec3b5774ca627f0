package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SignedInCallerTest {

    @Test
    void isStoredAsJsonWithItsGroupsSorted() {
        SignedInCaller bob = new SignedInCaller("bob", Set.of("manager", "customer"));

        assertThat(bob.stored()).isEqualTo("{\"name\":\"bob\",\"groups\":[\"customer\",\"manager\"]}");
        assertThat(SignedInCaller.fromStored(bob.stored())).isEqualTo(bob);
    }

    @Test
    void givesBackAnyNameExactlyEvenOneTooLongForThePrincipalColumn() {
        String name = "\"quoted\" \\ ünïcödé 🙂 line\nbreak " + "x".repeat(300);
        SignedInCaller caller = new SignedInCaller(name, Set.of());

        assertThat(SignedInCaller.fromStored(caller.stored())).isEqualTo(caller);
        assertThat(StorageKeys.principalName(name))
                .as("the principal column's form")
                .startsWith("sha256:");
    }

    @Test
    void noStoredFormKeepsNobodySignedIn() {
        assertThat(SignedInCaller.fromStored(null)).isNull();
    }

    @Test
    void aStoredFormEditedIntoSomethingElseKeepsNobodySignedIn() {
        assertThat(SignedInCaller.fromStored("alice")).isNull();
        assertThat(SignedInCaller.fromStored("{\"name\":\"alice\"}")).isNull();
        assertThat(SignedInCaller.fromStored("{\"name\":7,\"groups\":[]}")).isNull();
        assertThat(SignedInCaller.fromStored("[]")).isNull();
    }

    @Test
    void noGroupsAreNoGroups() {
        assertThat(new SignedInCaller("alice", null).groups()).isEmpty();
    }
}
