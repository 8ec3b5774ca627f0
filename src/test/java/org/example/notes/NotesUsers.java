package org.example.notes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** The application's one user, in its own identity store. */
@ApplicationScoped
public class NotesUsers implements IdentityStore {

    static final String WRITER = "writer";
    static final String WRITER_PASSWORD = "writer-password";

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (WRITER.equals(credential.getCaller()) && credential.compareTo(WRITER, WRITER_PASSWORD)) {
            return new CredentialValidationResult(WRITER, Set.of("writers"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
