package io.jlvs.control.json;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes one line of JSON by hand: objects, arrays, strings, numbers and null, with commas placed
 * for the caller. Strings are escaped as JSON requires (quote, backslash, control characters);
 * other characters pass through as they are.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder(128);
    /** True right after an opening brace or bracket, where the next value needs no comma. */
    private boolean first = true;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        first = true;
        return this;
    }

    /** Opens an object whose first property is the record's "type" tag. */
    JsonWriter beginTagged(String type) {
        return beginObject().name(JlvsJson.TYPE_PROPERTY).value(type);
    }

    JsonWriter endObject() {
        out.append('}');
        first = false;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        first = true;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** A property name; the value written next belongs to it. */
    JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        first = true;
        return this;
    }

    JsonWriter value(String text) {
        separate();
        if (text == null) {
            out.append("null");
        } else {
            quote(text);
        }
        return this;
    }

    JsonWriter value(long number) {
        separate();
        out.append(number);
        return this;
    }

    JsonWriter value(boolean flag) {
        separate();
        out.append(flag);
        return this;
    }

    JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    JsonWriter value(Enum<?> constant) {
        return value(constant.name());
    }

    /** A property, left out when it is 0 (its reader's default). */
    JsonWriter unlessZero(String name, long number) {
        return number == 0 ? this : name(name).value(number);
    }

    /** A property, left out when it is the empty string (its reader's default). */
    JsonWriter unlessEmpty(String name, String text) {
        return text.isEmpty() ? this : name(name).value(text);
    }

    /** A property, left out when it is {@code fallback} (its reader's default). */
    JsonWriter unlessDefault(String name, Enum<?> constant, Enum<?> fallback) {
        return constant == fallback ? this : name(name).value(constant);
    }

    /** A property holding an array, each item written by {@code item}. */
    <T> JsonWriter array(String name, List<T> items, BiConsumer<JsonWriter, T> item) {
        name(name).beginArray();
        for (T value : items) {
            item.accept(this, value);
        }
        return endArray();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void quote(String text) {
        out.append('"');
        int clean = 0;
        while (clean < text.length() && !needsEscape(text.charAt(clean))) {
            clean++;
        }
        // the run that needs no escape goes in at once, which is all of most strings
        out.append(text, 0, clean);
        for (int i = clean; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }
}
