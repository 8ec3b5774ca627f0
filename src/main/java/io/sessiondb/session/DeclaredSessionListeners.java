package io.sessiondb.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The session listeners the application declares the servlet way, in {@code web.xml}, a web fragment or with
 * {@link WebListener}: the container would call them for its own sessions, so SessionDB calls them for its
 * sessions. One instance of each, made by the container ({@link ServletContext#createListener}, so it gets
 * its injections), beside the container's own instance, which hears nothing, there being no container
 * sessions. Listeners added in code ({@code ServletContext.addListener}) are out of sight: make such a
 * listener a CDI bean, which {@link SessionEvents} also calls.
 */
@ApplicationScoped
public class DeclaredSessionListeners {

    private static final Logger LOG = Logger.getLogger(DeclaredSessionListeners.class.getName());
    private static final String ANNOTATED = DeclaredSessionListeners.class.getName() + ".annotated";

    private static final List<Class<? extends EventListener>> SESSION_LISTENER_TYPES =
            List.of(HttpSessionListener.class, HttpSessionAttributeListener.class, HttpSessionIdListener.class);

    /** Hands the classes annotated {@link WebListener} to {@link #start}, as the container found them. */
    @HandlesTypes(WebListener.class)
    public static class Scan implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            context.setAttribute(ANNOTATED, classes == null ? Set.of() : Set.copyOf(classes));
        }
    }

    /** The declared listeners by the interface they are called through, each in its order of declaration. */
    private volatile Map<Class<?>, List<EventListener>> byType = Map.of();
    /** The classes of the declared listeners, whose CDI beans (if they are beans too) must not hear events twice. */
    private volatile Set<Class<?>> classes = Set.of();

    /** Makes an instance of each declared listener; from a listener the application's descriptor declares. */
    public void start(ServletContext context) {
        @SuppressWarnings("unchecked")
        Set<Class<?>> annotated = (Set<Class<?>>) context.getAttribute(ANNOTATED);
        context.removeAttribute(ANNOTATED);
        Set<String> declared = declaredNames(context, annotated == null ? Set.of() : annotated);
        List<EventListener> made = new ArrayList<>();
        for (String name : declared) {
            try {
                Class<?> type = context.getClassLoader().loadClass(name);
                if (SESSION_LISTENER_TYPES.stream().anyMatch(listenerType -> listenerType.isAssignableFrom(type))) {
                    made.add(context.createListener(type.asSubclass(EventListener.class)));
                }
            } catch (ReflectiveOperationException | ServletException e) {
                // the container reports a listener it cannot make itself, and fails the deployment
                LOG.warning(() -> "Session listener " + name + " cannot be made: " + e);
            }
        }
        Map<Class<?>, List<EventListener>> grouped = new HashMap<>();
        for (Class<? extends EventListener> listenerType : SESSION_LISTENER_TYPES) {
            grouped.put(
                    listenerType, made.stream().filter(listenerType::isInstance).toList());
        }
        byType = Map.copyOf(grouped);
        classes = made.stream().map(Object::getClass).collect(Collectors.toUnmodifiableSet());
        if (!made.isEmpty()) {
            LOG.fine(() -> "SessionDB's sessions notify the declared listeners " + classes);
        }
    }

    /** Those of the declared listeners that are of {@code type}, one of the session listener interfaces. */
    @SuppressWarnings("unchecked")
    <L extends EventListener> List<L> of(Class<L> type) {
        return (List<L>) byType.getOrDefault(type, List.of());
    }

    /** Whether {@code type} is a declared listener, which its CDI bean (if it is one too) must not duplicate. */
    boolean declares(Class<?> type) {
        return classes.contains(type);
    }

    /**
     * The listener classes named in web.xml and in the web fragments, in that order, then those annotated
     * {@link WebListener}, unless web.xml is metadata-complete.
     */
    private static Set<String> declaredNames(ServletContext context, Set<Class<?>> annotated) {
        Set<String> declared = new LinkedHashSet<>();
        boolean metadataComplete = false;
        try (InputStream webXml = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (webXml != null) {
                Document descriptor = parse(webXml);
                metadataComplete = "true".equals(descriptor.getDocumentElement().getAttribute("metadata-complete"));
                declared.addAll(listenerClasses(descriptor));
            }
            if (!metadataComplete) {
                for (URL fragment :
                        Collections.list(context.getClassLoader().getResources("META-INF/web-fragment.xml"))) {
                    try (InputStream in = fragment.openStream()) {
                        declared.addAll(listenerClasses(parse(in)));
                    }
                }
            }
        } catch (IOException | SAXException | ParserConfigurationException e) {
            LOG.warning(() -> "Cannot read the application's deployment descriptors for session listeners: " + e);
        }
        if (!metadataComplete) {
            annotated.stream()
                    .filter(type -> type.isAnnotationPresent(WebListener.class))
                    .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
                    .map(Class::getName)
                    .sorted(Comparator.naturalOrder())
                    .forEach(declared::add);
        }
        return declared;
    }

    private static List<String> listenerClasses(Document descriptor) {
        NodeList classes = descriptor.getElementsByTagNameNS("*", "listener-class");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes.getLength(); i++) {
            names.add(classes.item(i).getTextContent().strip());
        }
        return names;
    }

    /** Parses a descriptor without fetching its DTD or schema: old ones name a DTD on the web. */
    private static Document parse(InputStream in) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(in);
    }
}
