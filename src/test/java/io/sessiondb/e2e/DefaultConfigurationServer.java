package io.sessiondb.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One server with SessionDB's default configuration on the run's database, shared by every test class
 * that asks for it (a boot takes 12-20 s): such a class declares {@code @ExtendWith} of this and takes a
 * {@link PayaraMicroServer} parameter in its {@code @BeforeAll} method. The server boots on first use
 * and stops when the test run ends. A test that restarts it leaves it running.
 */
public final class DefaultConfigurationServer implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DefaultConfigurationServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PayaraMicroServer.class;
    }

    @Override
    public PayaraMicroServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root store closes it (AutoCloseable) at the end of the run
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        PayaraMicroServer.class,
                        key -> PayaraMicroServer.named("default-configuration")
                                .onTestDatabase("sessiondb_default")
                                .start(),
                        PayaraMicroServer.class);
    }
}
