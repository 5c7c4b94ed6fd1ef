package io.jlvs.control.json;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One parsed JSON object, read strictly: each getter names the property it wants and fails with
 * a message naming it when it is missing or of the wrong kind, and {@link #finish} fails on any
 * property nobody asked for.
 */
final class JsonFields {
    /** No record has more properties than a long has bits (ConnectionEntry, the widest, has 11). */
    static final int MAX_PROPERTIES = Long.SIZE;

    // Parallel arrays searched in order: a record has a dozen properties at most, and a HashMap
    // per object cost jlvs adm's decoding of a large listing more than the search does.
    private final String[] names;
    private final Object[] values;
    /** Bit i: property i has been read. */
    private long read;
    /** Where the next search starts: readers ask in the order writers write. */
    private int next;

    JsonFields(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** The parsed value, which must be an object. */
    static JsonFields of(Object value, String what) {
        if (value instanceof JsonFields object) {
            return object;
        }
        throw new IllegalArgumentException(what + " must be an object, not " + kind(value));
    }

    String string(String name) {
        return typed(name, String.class, "a string");
    }

    int integer(String name) {
        long value = longInteger(name);
        if (value != (int) value) {
            throw new IllegalArgumentException("property '" + name + "' is out of range: " + value);
        }
        return (int) value;
    }

    /** An int, or {@code fallback} when the property is absent. */
    int integerOr(String name, int fallback) {
        return has(name) ? integer(name) : fallback;
    }

    /** A string that may be null or absent (then null). */
    String optionalString(String name) {
        return find(name) == null ? null : string(name);
    }

    /** A string, or {@code fallback} when the property is absent. */
    String stringOr(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    boolean bool(String name) {
        return typed(name, Boolean.class, "true or false");
    }

    long longInteger(String name) {
        return typed(name, Long.class, "an integer");
    }

    JsonFields object(String name) {
        return typed(name, JsonFields.class, "an object");
    }

    /** An object that may be null or absent (then null). */
    JsonFields optionalObject(String name) {
        return find(name) == null ? null : object(name);
    }

    List<?> array(String name) {
        return typed(name, List.class, "an array");
    }

    /** An array of objects, each read by {@code reader}; {@code what} names one item in messages. */
    <T> List<T> list(String name, String what, Function<JsonFields, T> reader) {
        List<?> items = array(name);
        List<T> values = new ArrayList<>(items.size());
        for (Object item : items) {
            values.add(reader.apply(of(item, what)));
        }
        return values;
    }

    /** A numeric IPv4 or IPv6 literal; a host name is an error, never a DNS lookup. */
    InetAddress address(String name) {
        String text = string(name);
        byte[] quad = dottedQuad(text);
        try {
            return quad != null ? InetAddress.getByAddress(quad) : InetAddress.ofLiteral(text);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + name + "': \"" + text
                    + "\" is not a numeric IPv4 or IPv6 address");
        }
    }

    /**
     * The four bytes of an IPv4 address in the form writers use ("10.0.0.1": four numbers of 0 to
     * 255 without leading zeros), else null. A listing holds thousands, and InetAddress.ofLiteral
     * costs jlvs adm, interpreted, several microseconds each.
     */
    private static byte[] dottedQuad(String text) {
        byte[] quad = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                quad[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9' && value != 0) {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? quad : null;
    }

    /** An enum constant by its name, one of {@code values}. */
    <E extends Enum<E>> E constant(String name, E[] values) {
        String text = string(name);
        for (E value : values) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("property '" + name + "': \"" + text + "\" is not one of "
                + Arrays.toString(values));
    }

    /** An enum constant by its name, or {@code fallback} when the property is absent or null. */
    <E extends Enum<E>> E optionalConstant(String name, E[] values, E fallback) {
        return find(name) == null ? fallback : constant(name, values);
    }

    /** Whether the property is present (even as null). */
    boolean has(String name) {
        for (String given : names) {
            if (given.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Fails on a property that no getter read. */
    void finish(String what) {
        for (int i = 0; i < names.length; i++) {
            if ((read & (1L << i)) == 0) {
                throw new IllegalArgumentException("unknown property '" + names[i] + "' in " + what);
            }
        }
    }

    /** The value of a property (null when absent or null), marking it read. */
    private Object find(String name) {
        for (int k = 0; k < names.length; k++) {
            int i = (next + k) % names.length;
            if (names[i].equals(name)) {
                read |= 1L << i;
                next = i + 1;
                return values[i];
            }
        }
        return null;
    }

    /** A property that must be present, not null, and of the type the parser gives {@code expected}. */
    private <T> T typed(String name, Class<T> type, String expected) {
        Object value = required(name);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw wrong(name, expected, value);
    }

    private Object required(String name) {
        Object value = find(name);
        if (value == null) {
            throw new IllegalArgumentException("property '" + name + "' is " + (has(name) ? "null" : "missing"));
        }
        return value;
    }

    private static IllegalArgumentException wrong(String name, String expected, Object actual) {
        return new IllegalArgumentException("property '" + name + "' must be " + expected + ", not " + kind(actual));
    }

    /** The kind of a parsed value, for messages (plain instanceof: this runs on the client's start-up path). */
    private static String kind(Object value) {
        if (value instanceof JsonFields) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
        }
        return String.valueOf(value);
    }
}
