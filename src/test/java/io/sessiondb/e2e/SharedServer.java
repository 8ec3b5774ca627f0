package io.sessiondb.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A server shared by every test class that asks for it (a boot takes 12-20 s): such a class declares {@code
 * @ExtendWith} of a subclass and takes a {@link PayaraMicroServer} parameter in its {@code @BeforeAll}
 * method. The server boots on first use and stops when the test run ends. A test that restarts it leaves it
 * running.
 */
abstract class SharedServer implements ParameterResolver {

    @Override
    public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PayaraMicroServer.class;
    }

    @Override
    public final PayaraMicroServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root store closes it (AutoCloseable) at the end of the run
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent(PayaraMicroServer.class, key -> start(), PayaraMicroServer.class);
    }

    /** Configures and starts the server. */
    abstract PayaraMicroServer start();
}
