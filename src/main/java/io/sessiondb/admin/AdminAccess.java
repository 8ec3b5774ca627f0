package io.sessiondb.admin;

import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the admin API: a request already signed in (by the application) with the role {@value #ROLE},
 * or one that presents HTTP Basic credentials which Jakarta Security's identity stores (the {@link
 * AdminIdentityStore} among them) validate with that role. Nobody while no admin credentials are configured.
 */
@ApplicationScoped
public class AdminAccess {

    public static final String ROLE = "sessiondb-admin";
    /** Credentials once validated, by digest: PBKDF2 is slow on purpose, and the admin page asks often. */
    private static final int MAX_REMEMBERED = 16;

    /** The answer to a request. */
    enum Verdict {
        ALLOWED,
        /** No admin credentials are configured. */
        OFF,
        /** No credentials, or wrong ones. */
        UNAUTHENTICATED,
        /** Valid credentials of someone without the role. */
        FORBIDDEN
    }

    @Inject
    SessionDbConfig config;

    @Inject
    Instance<IdentityStoreHandler> identityStores;

    @Inject
    AdminIdentityStore adminStore;

    private final Set<String> validated = ConcurrentHashMap.newKeySet();

    Verdict check(HttpServletRequest request) {
        if (!config.admin().enabled()) {
            return Verdict.OFF;
        }
        if (request.isUserInRole(ROLE)) {
            return Verdict.ALLOWED;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Verdict.UNAUTHENTICATED;
        }
        String digest = digest(authorization);
        if (validated.contains(digest)) {
            return Verdict.ALLOWED;
        }
        UsernamePasswordCredential credential = basicCredential(authorization.substring(6));
        if (credential == null) {
            return Verdict.UNAUTHENTICATED;
        }
        CredentialValidationResult result = identityStores.isResolvable()
                ? identityStores.get().validate(credential)
                : adminStore.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Verdict.UNAUTHENTICATED;
        }
        if (!result.getCallerGroups().contains(ROLE)) {
            return Verdict.FORBIDDEN;
        }
        if (validated.size() >= MAX_REMEMBERED) {
            validated.clear();
        }
        validated.add(digest);
        return Verdict.ALLOWED;
    }

    private static UsernamePasswordCredential basicCredential(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0
                ? null
                : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
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
