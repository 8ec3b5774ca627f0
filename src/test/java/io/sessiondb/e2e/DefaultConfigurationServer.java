package io.sessiondb.e2e;

/**
 * One server with SessionDB's default configuration on the run's database, shared (see {@link SharedServer}) by the
 * classes that hold {@link #LOCK}, one at a time: some restart it.
 */
public final class DefaultConfigurationServer extends SharedServer {

    /** The resource lock of the classes that use it, which JUnit runs one after another. */
    public static final String LOCK = "default-configuration-server";

    @Override
    PayaraMicroServer start() {
        return PayaraMicroServer.named("default-configuration")
                .onTestDatabase("sessiondb_default")
                .start();
    }
}
