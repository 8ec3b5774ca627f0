package io.sessiondb.admin;

import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Jakarta Security identity store of one user, the admin of {@code sessiondb.admin.*}, in the group {@value
 * AdminAccess#ROLE}. It answers only for that user name, and only while credentials are configured, so the
 * application's own stores decide for everyone else; an application that signs its users in with Jakarta
 * Security can let its admin in too.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    private static final String STORE_ID = "sessiondb-admin";

    @Inject
    SessionDbConfig config;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)
                || !config.admin().enabled()
                || !config.admin().username().equals(password.getCaller())) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return config.admin()
                        .accepts(password.getCaller(), password.getPassword().getValue())
                ? new CredentialValidationResult(STORE_ID, password.getCaller(), null, null, Set.of(AdminAccess.ROLE))
                : CredentialValidationResult.INVALID_RESULT;
    }

    /**
     * The role, for the admin this store validated, and for nobody else: Jakarta Security asks every store
     * that provides groups about every caller, whichever store validated them.
     */
    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        return STORE_ID.equals(validationResult.getIdentityStoreId()) ? Set.of(AdminAccess.ROLE) : Set.of();
    }

    /** Groups too: the handler drops those of a store that only validates. */
    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    /** After the application's own stores. */
    @Override
    public int priority() {
        return 1000;
    }
}
