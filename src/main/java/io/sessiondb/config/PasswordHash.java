package io.sessiondb.config;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored only as a PBKDF2 hash, in the text form of Jakarta Security's {@code Pbkdf2PasswordHash}
 * ({@code PBKDF2WithHmacSHA256:<iterations>:<salt, Base64>:<hash, Base64>}), so a hash made by either one works
 * with the other. {@link #main} prints the hash of a password read from the console, for {@code
 * sessiondb.admin.password-hash}.
 */
public final class PasswordHash {

    private static final Set<String> ALGORITHMS =
            Set.of("PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA384", "PBKDF2WithHmacSHA512");
    private static final String NEW_ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    private static final int NEW_ITERATIONS = 600_000;

    private static final int NEW_SALT_BYTES = 32;
    private static final int NEW_HASH_BYTES = 32;

    private final String algorithm;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(String algorithm, int iterations, byte[] salt, byte[] hash) {
        this.algorithm = algorithm;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    static PasswordHash parse(String text) {
        String[] parts = text.strip().split(":");
        if (parts.length != 4 || !ALGORITHMS.contains(parts[0])) {
            throw new IllegalArgumentException("must be " + NEW_ALGORITHM + ":<iterations>:<salt>:<hash> (Base64),"
                    + " as printed by java -cp sessiondb-library.jar " + PasswordHash.class.getName());
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || hash.length == 0) {
                throw new IllegalArgumentException("has no iterations, salt or hash");
            }
            return new PasswordHash(parts[0], iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has an invalid iteration count, salt or hash: " + e.getMessage());
        }
    }

    /** A new hash of the password, with a random salt. */
    public static PasswordHash of(char[] password) {
        byte[] salt = new byte[NEW_SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(
                NEW_ALGORITHM,
                NEW_ITERATIONS,
                salt,
                derive(NEW_ALGORITHM, password, salt, NEW_ITERATIONS, NEW_HASH_BYTES * 8));
    }

    /**
     * A hash that no password is known to match and that costs exactly as much to check as this one (same
     * algorithm, iterations, salt and hash lengths; random salt and hash): checking a password against it for
     * an unknown user name takes as long as a wrong password of the known one.
     */
    public PasswordHash decoy() {
        SecureRandom random = new SecureRandom();
        byte[] decoySalt = new byte[salt.length];
        byte[] decoyHash = new byte[hash.length];
        random.nextBytes(decoySalt);
        random.nextBytes(decoyHash);
        return new PasswordHash(algorithm, iterations, decoySalt, decoyHash);
    }

    /** Whether the password is the one hashed; in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(algorithm, password, salt, iterations, hash.length * 8));
    }

    @Override
    public String toString() {
        return algorithm + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] derive(String algorithm, char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints the hash of a password typed at the console (not echoed), or read from the first line of input. */
    public static void main(String[] args) throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("Password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("No password given");
            System.exit(2);
        }
        System.out.println(of(password));
    }
}
