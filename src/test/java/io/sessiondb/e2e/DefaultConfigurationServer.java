package io.sessiondb.e2e;

/** One server with SessionDB's default configuration on the run's database, shared (see {@link SharedServer}). */
public final class DefaultConfigurationServer extends SharedServer {

    @Override
    PayaraMicroServer start() {
        return PayaraMicroServer.named("default-configuration")
                .onTestDatabase("sessiondb_default")
                .start();
    }
}
