package io.sessiondb.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * SessionDB's persistence unit, created by SessionDB rather than deployed by the container: the unit
 * lives in {@value #PERSISTENCE_XML}, which no container scans, so an application that adds SessionDB
 * keeps its own {@code @PersistenceContext} without a unit name unambiguous. It runs on the datasource
 * {@link SessionDatabase} resolves and takes part in the server's JTA transactions (EclipseLink detects
 * the server), so {@code @Transactional} works on it as on a container-managed unit.
 */
@ApplicationScoped
public class StorePersistenceUnit {

    static final String PERSISTENCE_XML = "META-INF/sessiondb-persistence.xml";
    private static final String UNIT = "sessiondb";

    @Inject
    SessionDatabase database;

    private EntityManagerFactory factory;

    @PostConstruct
    void open() {
        DataSource dataSource = database.dataSource();
        Map<String, Object> properties = Map.of(
                PersistenceUnitProperties.ECLIPSELINK_PERSISTENCE_XML, PERSISTENCE_XML,
                PersistenceUnitProperties.CLASSLOADER, StorePersistenceUnit.class.getClassLoader(),
                // names EclipseLink's loggers org.eclipse.persistence.session.sessiondb, not after the JAR's path
                PersistenceUnitProperties.SESSION_NAME, UNIT,
                PersistenceUnitProperties.JTA_DATASOURCE, dataSource,
                // reads outside a transaction use the same pool
                PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
        // EclipseLink's provider by name: another provider on the server (Hibernate) cannot read this unit
        factory = new PersistenceProvider().createEntityManagerFactory(UNIT, properties);
        if (factory == null) {
            throw new IllegalStateException("EclipseLink found no persistence unit in " + PERSISTENCE_XML);
        }
    }

    @PreDestroy
    void close() {
        factory.close();
    }

    /**
     * A new entity manager, to be closed by the caller. Created inside a JTA transaction, it joins it and
     * its changes are written when the transaction commits, even after it is closed.
     */
    EntityManager entityManager() {
        return factory.createEntityManager();
    }
}
