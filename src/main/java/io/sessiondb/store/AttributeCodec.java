package io.sessiondb.store;

import io.sessiondb.config.AttributeLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Turns attribute values into bytes for storage (Java serialization) and back. Reading goes through the
 * allowlist of {@link AttributeLimits#readFilter()}; writing is not filtered, since the application's
 * own live values are what it serializes.
 */
public final class AttributeCodec {

    private AttributeCodec() {}

    /**
     * Serializes an attribute value, whatever its size.
     *
     * @throws IllegalArgumentException naming the attribute when the value, or anything it references,
     *     cannot be serialized
     */
    public static byte[] serialize(String name, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(
                    "Session attribute '" + name + "' cannot be stored: " + e.getMessage() + " is not Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Session attribute '" + name + "' cannot be stored: serialization failed: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Serializes an attribute value that must fit the attribute size limit.
     *
     * @throws IllegalArgumentException naming the attribute when the value cannot be serialized, or when
     *     its serialized form is larger than {@link AttributeLimits#maxAttributeBytes()} (naming both sizes)
     */
    public static byte[] serialize(String name, Object value, AttributeLimits limits) {
        byte[] bytes = serialize(name, value);
        if (bytes.length > limits.maxAttributeBytes()) {
            throw new IllegalArgumentException("Session attribute '" + name + "' cannot be stored: it takes "
                    + bytes.length + " bytes serialized, over the limit of " + limits.maxAttributeBytes() + " bytes ("
                    + AttributeLimits.MAX_ATTRIBUTE_BYTES + ")");
        }
        return bytes;
    }

    /**
     * Reads a value back through the allowlist, resolving classes through the application's class loader.
     *
     * @throws UnreadableAttributeException when the bytes do not form a value this application can load,
     *     or when the allowlist refuses a class or a limit in them (the message says so)
     */
    public static Object deserialize(String name, byte[] bytes, AttributeLimits limits) {
        RefusalRecorder filter = new RefusalRecorder(limits.readFilter());
        try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (filter.refusal != null) {
                throw UnreadableAttributeException.refused(name, filter.refusal, e);
            }
            throw new UnreadableAttributeException(name, e);
        }
    }

    /**
     * Remembers what the filter refused: ObjectInputStream reports it only as a generic
     * InvalidClassException, and the log must tell a refusal from a class that changed.
     */
    private static final class RefusalRecorder implements ObjectInputFilter {

        private final ObjectInputFilter delegate;
        private String refusal;

        RefusalRecorder(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = delegate.checkInput(info);
            if (status == Status.REJECTED && refusal == null) {
                refusal = describe(info);
            }
            return status;
        }

        private static String describe(FilterInfo info) {
            Class<?> type = info.serialClass();
            if (type != null && info.arrayLength() < 0) {
                return "class " + type.getName();
            }
            String where = type == null ? "" : type.getName() + " ";
            return where + "(depth " + info.depth() + ", references " + info.references() + ", bytes "
                    + info.streamBytes() + ", array length " + info.arrayLength() + " against the limits depth "
                    + AttributeLimits.MAX_DEPTH + ", references " + AttributeLimits.MAX_REFERENCES
                    + ", bytes and array length " + AttributeLimits.MAX_ATTRIBUTE_BYTES + ")";
        }
    }

    /** Resolves classes with the application's loader, which the JDK's default (latest user loader) may miss. */
    private static final class ApplicationObjectInputStream extends ObjectInputStream {

        ApplicationObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = AttributeCodec.class.getClassLoader();
            }
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
