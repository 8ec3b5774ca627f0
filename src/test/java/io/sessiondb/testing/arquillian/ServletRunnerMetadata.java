package io.sessiondb.testing.arquillian;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.protocol.servlet5.ServletMethodExecutor;

/**
 * Closes a race in the Payara Micro connector: it parses the deployed servlets out of the server's
 * startup banner as soon as the banner's first lines have been read, so now and then it sees only part
 * of the banner, finds no servlets, and every test of the class fails with "ArquillianServletRunnerEE9
 * not found". The host and port it did parse are complete (they come before the part it misses), and
 * Payara Micro deploys the one test WAR at the root context ("Loading application [sessiondb-it] at [/]"),
 * so the missing runner can be added there.
 */
public final class ServletRunnerMetadata implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(ServletRunnerMetadata.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Completer.class);
    }

    public static final class Completer {

        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        void completeAfterDeploy(@Observes AfterDeploy event) {
            ProtocolMetaData metaData = protocolMetaData.get();
            if (metaData == null || !metaData.hasContext(HTTPContext.class)) {
                return;
            }
            HTTPContext context = metaData.getContext(HTTPContext.class);
            String runner = ServletMethodExecutor.ARQUILLIAN_SERVLET_NAME;
            if (context.getServletByName(runner) == null) {
                String contextRoot = "/";
                LOG.warning(() ->
                        "The connector read an incomplete startup banner; adding " + runner + " at " + contextRoot);
                context.add(new Servlet(runner, contextRoot));
            }
        }
    }
}
