package io.sessiondb.integration.cdi;

import io.sessiondb.config.AttributeLimits;
import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stops a deployment whose {@code @SessionScoped} or {@code @ConversationScoped} bean classes the
 * deserialization allowlist would refuse: such a bean would be stored, then never read back, and its state
 * would be lost at the next request on another node or after a restart, with a warning in the log only. The
 * message names the classes and the key to set. The application's own classes ({@code WEB-INF/classes})
 * pass; a library's must be named. Only the beans the WAR brings are checked, not the server's.
 */
public class SessionBeanClassCheck implements Extension {

    private static final Set<Class<? extends Annotation>> STORED_SCOPES =
            Set.of(SessionScoped.class, ConversationScoped.class);

    /** Bean classes in a scope whose instances SessionDB stores, in the order met. */
    private final Set<Class<?>> storedBeanClasses = new LinkedHashSet<>();

    <X> void collect(@Observes ProcessManagedBean<X> event) {
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        if (STORED_SCOPES.contains(event.getBean().getScope()) && isTheApplications(beanClass)) {
            storedBeanClasses.add(beanClass);
        }
    }

    /**
     * Whether the WAR brings the class (its WEB-INF/classes or a JAR in WEB-INF/lib), rather than the server:
     * the server's own session beans (Faces, security connectors) are its business, and most applications
     * never use them.
     */
    private static boolean isTheApplications(Class<?> beanClass) {
        ClassLoader loader = beanClass.getClassLoader();
        if (loader != null && loader == Thread.currentThread().getContextClassLoader()) {
            return true;
        }
        String location = location(beanClass);
        return location.contains("/WEB-INF/classes") || location.contains("/WEB-INF/lib/");
    }

    void check(@Observes AfterDeploymentValidation validation) {
        if (storedBeanClasses.isEmpty()) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("sessiondb.enabled", Boolean.class).orElse(true)) {
            return; // the container's own sessions keep the beans
        }
        AttributeLimits limits;
        try {
            limits = AttributeLimits.read(config);
        } catch (RuntimeException e) {
            return; // SessionDB's own configuration check reports what is wrong with the keys
        }
        if (!limits.problems().isEmpty()) {
            return;
        }
        List<String> refused = refused(limits);
        if (!refused.isEmpty()) {
            validation.addDeploymentProblem(new IllegalStateException(message(refused)));
        }
    }

    /** A description of each bean class, or serializable superclass of one, that the allowlist refuses. */
    private List<String> refused(AttributeLimits limits) {
        List<String> refused = new ArrayList<>();
        for (Class<?> beanClass : storedBeanClasses) {
            for (Class<?> type = beanClass;
                    type != null && Serializable.class.isAssignableFrom(type);
                    type = type.getSuperclass()) {
                if (!limits.allows(type)) {
                    String of = type == beanClass ? "" : " (a superclass of " + beanClass.getName() + ")";
                    refused.add(type.getName() + of + " from " + location(type));
                }
            }
        }
        return refused;
    }

    static String message(List<String> refused) {
        return "SessionDB stores @SessionScoped and @ConversationScoped beans in the database, but the"
                + " deserialization allowlist would refuse to read back " + String.join(", ", refused)
                + ": their state would be lost after a restart or on another node. Name the classes (or their"
                + " packages, as com.example.**) in " + AttributeLimits.DESERIALIZATION_ALLOW + ".";
    }

    private static String location(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location == null ? "an unknown location" : location.toString();
        } catch (SecurityException e) {
            return "an unknown location";
        }
    }
}
