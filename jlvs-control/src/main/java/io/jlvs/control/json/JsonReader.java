package io.jlvs.control.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one JSON text into plain values: a {@link JsonFields} per object, a List per array,
 * String, Long (an integer that fits; any other number is a BigDecimal), Boolean and null.
 * Anything after the value but white space is an error, and so is a name given twice or nesting
 * deeper than {@link #MAX_DEPTH} (a hostile line must not overflow jlvsd's stack).
 *
 * <p>It works on a char array and accumulates integers as it scans them: jlvs adm runs it once,
 * interpreted, over listings of thousands of services, where each String.charAt and substring
 * per character or number showed in its start-up time.
 *
 * @throws IllegalArgumentException from {@link #parse} with a message naming what is wrong and where
 */
final class JsonReader {
    /** Far deeper than any request (a Batch of Batches nests about 8 deep per level). */
    static final int MAX_DEPTH = 200;

    /** Digits that always fit a long. */
    private static final int SAFE_DIGITS = 18;

    private final char[] text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text.toCharArray();
    }

    /** The one value the text holds. */
    static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos != reader.text.length) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length) {
            throw error("no value");
        }
        char c = text[pos];
        return switch (c) {
            case '{' -> nested(true);
            case '[' -> nested(false);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Object nested(boolean object) {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        Object value = object ? object() : array();
        depth--;
        return value;
    }

    private JsonFields object() {
        pos++;
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new JsonFields(new String[0], new Object[0]);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a property name");
            }
            String name = string();
            skipSpace();
            expect(':');
            if (names.contains(name)) {
                throw error("property '" + name + "' given twice");
            }
            if (names.size() == JsonFields.MAX_PROPERTIES) {
                throw error("more than " + JsonFields.MAX_PROPERTIES + " properties");
            }
            names.add(name);
            values.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return new JsonFields(names.toArray(new String[0]), values.toArray());
            }
        }
    }

    private List<Object> array() {
        pos++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return items;
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = null;
        int start = pos;
        while (true) {
            if (pos >= text.length) {
                throw error("unterminated string");
            }
            char c = text[pos];
            if (c == '"') {
                String tail = new String(text, start, pos - start);
                pos++;
                return out == null ? tail : out.append(tail).toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, pos - start);
                out.append(escape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    /** The character an escape sequence at pos stands for; moves pos past it. */
    private char escape() {
        if (pos + 1 >= text.length) {
            throw error("unterminated string");
        }
        char kind = text[pos + 1];
        pos += 2;
        return switch (kind) {
            case '"', '\\', '/' -> kind;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length) {
                    throw error("short \\u escape");
                }
                int c = 0;
                for (int end = pos + 4; pos < end; pos++) {
                    int digit = Character.digit(text[pos], 16);
                    if (digit < 0) {
                        throw error("bad \\u escape");
                    }
                    c = c << 4 | digit;
                }
                yield (char) c;
            }
            default -> throw error("bad escape '\\" + kind + "'");
        };
    }

    private Object number() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        boolean integral = true;
        long value = 0;
        while (pos < text.length) {
            char c = text[pos];
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                pos++;
            } else {
                break;
            }
        }
        int digits = pos - start - (negative ? 1 : 0);
        if (integral && digits > 0 && digits <= SAFE_DIGITS) {
            return negative ? -value : value;
        }
        String literal = new String(text, start, pos - start);
        try {
            if (integral) {
                return Long.parseLong(literal);
            }
        } catch (NumberFormatException tooLong) {
            // falls through to BigDecimal, which holds any size
        }
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw error("bad number '" + literal + "'");
        }
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= text.length || text[pos + i] != word.charAt(i)) {
                throw error("unexpected word");
            }
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length) {
            char c = text[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length ? text[pos] : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + pos);
    }
}
