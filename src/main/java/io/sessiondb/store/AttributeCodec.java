package io.sessiondb.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/** Turns attribute values into bytes for storage (Java serialization) and back. */
public final class AttributeCodec {

    private AttributeCodec() {}

    /**
     * Serializes an attribute value.
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
     * Reads a value back, resolving classes through the application's class loader.
     *
     * @throws UnreadableAttributeException when the bytes do not form a value this application can load
     */
    public static Object deserialize(String name, byte[] bytes) {
        try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new UnreadableAttributeException(name, e);
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
