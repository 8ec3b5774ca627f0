package io.sessiondb.it;

import io.sessiondb.store.ExpirySweeper;
import io.sessiondb.testing.EveryDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.net.URL;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs every in-container test that deploys {@link TestDeployments#sessionDb()}, in one Payara Micro per
 * database instead of one per test class: Arquillian deploys once per test class and shares no deployment
 * between classes, and its JUnit 5 runner does not run {@code @Nested} classes in the container. So the
 * tests are default methods of interfaces ({@link SessionContractTests}, {@link PersistenceRulesTests},
 * {@link CdiScopesTests}, {@link SessionFixationTests}), and this one class implements them all, with the
 * deployment and what the tests reach through {@link ContainerTest}'s accessors. A further group of tests
 * of the same archive is an interface added here; one needing another archive is a class of its own.
 *
 * <p>The tests share one server: whatever a test leaves in it (sessions, rows, static test records)
 * the next one finds, in an order JUnit chooses. Test method names must be unique across the interfaces,
 * as the in-container runner finds a test by its name alone.
 */
@EveryDatabase
@ExtendWith(ArquillianExtension.class)
@ResourceLock(TestDeployments.ARQUILLIAN)
class InContainerIT implements SessionContractTests, PersistenceRulesTests, CdiScopesTests, SessionFixationTests {

    @Deployment
    static WebArchive deployment() {
        return TestDeployments.sessionDb();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = "java:app/jdbc/sessiondb")
    DataSource dataSource;

    @Inject
    ExpirySweeper sweeper;

    @Resource
    ManagedExecutorService executor;

    Probe browser;

    @BeforeEach
    void newClient() {
        browser = new Probe(base);
    }

    @Override
    public URL base() {
        return base;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public ExpirySweeper sweeper() {
        return sweeper;
    }

    @Override
    public ManagedExecutorService executor() {
        return executor;
    }

    @Override
    public Probe browser() {
        return browser;
    }
}
