package io.sessiondb.bench.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts Spring Session JDBC in front of the application, as {@code @EnableJdbcHttpSession} would with its defaults,
 * without Spring Boot or an application context: a HikariCP pool on PostgreSQL ({@code SPRING_DB_URL}, {@code
 * SPRING_DB_USER}, {@code SPRING_DB_PASSWORD}), Spring Session's tables created from the script it ships when they
 * are missing, a {@link JdbcIndexedSessionRepository} whose expired sessions are deleted once a minute, and {@link
 * SessionRepositoryFilter} first in the chain. With {@code SPRING_SESSION_ENABLED=false} nothing of it is made and
 * the application runs on the container's memory sessions.
 */
@WebListener
public class SpringSessionSetup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SpringSessionSetup.class.getName());
    private static final String SCHEMA = "org/springframework/session/jdbc/schema-postgresql.sql";

    private HikariDataSource dataSource;
    private JdbcIndexedSessionRepository repository;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if ("false".equalsIgnoreCase(env("SPRING_SESSION_ENABLED", "true"))) {
            LOG.info("SPRING_SESSION_ENABLED=false: the container's own sessions");
            return;
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("spring-session");
        pool.setDriverClassName("org.postgresql.Driver"); // DriverManager does not see the WAR's driver
        pool.setJdbcUrl(env("SPRING_DB_URL", "jdbc:postgresql://127.0.0.1:5432/sessiondb_bench"));
        pool.setUsername(env("SPRING_DB_USER", "postgres"));
        pool.setPassword(env("SPRING_DB_PASSWORD", ""));
        dataSource = new HikariDataSource(pool);
        createTablesIfMissing(dataSource);

        // JdbcHttpSessionConfiguration: a JdbcTemplate, a REQUIRES_NEW TransactionTemplate over the data source's
        // transaction manager, serialization with the application's class loader; the repository's own defaults
        // for the rest (30 minutes, FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE, cleanup cron "0 * * * * *")
        JdbcTemplate jdbcTemplate = new JdbcTemplate(dataSource);
        jdbcTemplate.afterPropertiesSet();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transactions.afterPropertiesSet();
        repository = new JdbcIndexedSessionRepository(jdbcTemplate, transactions);
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        GenericConversionService conversion = new GenericConversionService();
        conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversion.addConverter(byte[].class, Object.class, new DeserializingConverter(classLoader));
        repository.setConversionService(conversion);
        repository.afterPropertiesSet(); // schedules cleanUpExpiredSessions() on its cron: once a minute

        // SpringHttpSessionConfiguration: the filter with its default cookie resolver (cookie SESSION, as with Boot)
        SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(repository);
        FilterRegistration.Dynamic registration = context.addFilter("springSessionRepositoryFilter", filter);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        LOG.info("Spring Session JDBC on " + pool.getJdbcUrl());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (repository != null) {
            repository.destroy();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private static void createTablesIfMissing(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, "spring_session", null)) {
            if (tables.next()) {
                return;
            }
            new ResourceDatabasePopulator(new ClassPathResource(SCHEMA, SpringSessionSetup.class.getClassLoader()))
                    .populate(connection);
            LOG.info("created Spring Session's tables from " + SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Spring Session's tables", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
