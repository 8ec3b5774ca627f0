package io.sessiondb.cookie;

import io.sessiondb.SessionStoreException;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.store.SessionDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The secrets session cookies are signed with, in order: the first signs, every one verifies.
 *
 * <ul>
 *   <li>None configured ({@code sessiondb.secrets}): the database's {@link GeneratedSecret}, made by the first
 *       node that starts on it.
 *   <li>Configured: those, and after them the database's generated secret while its row exists, verifying
 *       only. Moving from the generated secret to configured ones thus signs nobody out; deleting the row
 *       ({@code DELETE FROM sessiondb_secret}) retires it at each node's next start.
 * </ul>
 *
 * Read once, at start-up after the schema migration ({@link #load()}), or on first use.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    SessionDbConfig config;

    @Inject
    SessionDatabase database;

    private volatile List<String> secrets;

    /** Fixed secrets, for tests outside a container. */
    public static SigningKeys of(List<String> secrets) {
        SigningKeys keys = new SigningKeys();
        keys.secrets = List.copyOf(secrets);
        return keys;
    }

    /**
     * The secrets in order: the first signs, every one verifies.
     *
     * @throws SessionStoreException when the generated secret cannot be read from the database
     */
    public List<String> all() {
        List<String> loaded = secrets;
        if (loaded == null) {
            // no lock, no I/O under one: two first uses at once read the same, race-safe row
            loaded = read();
            secrets = loaded;
        }
        return loaded;
    }

    /** Reads the secrets now, generating the database's when none are configured (at start-up). */
    public void load() {
        all();
    }

    private List<String> read() {
        Optional<List<String>> configured = config.secrets().configured();
        try {
            if (configured.isEmpty()) {
                String generated = GeneratedSecret.findOrGenerate(database.dataSource());
                LOG.info("Session cookies are signed with the secret SessionDB generated for this database"
                        + " (table sessiondb_secret); sessiondb.secrets overrides it");
                return List.of(generated);
            }
            List<String> all = new ArrayList<>(configured.get());
            Optional<String> generated = GeneratedSecret.find(database.dataSource());
            generated.filter(secret -> !all.contains(secret)).ifPresent(all::add);
            LOG.info(() -> "Session cookies are signed with the first of sessiondb.secrets"
                    + (generated.isPresent()
                            ? "; the secret SessionDB generated before still verifies until its row in"
                                    + " sessiondb_secret is deleted"
                            : ""));
            return List.copyOf(all);
        } catch (SQLException e) {
            throw new SessionStoreException("Cannot read the cookie-signing secret from sessiondb_secret", e);
        }
    }
}
