package io.jlvs.cli.ipvsadm;

/** printf's %-Ns and %Ns: pad to a minimum width, never cut. */
final class Columns {

    private Columns() {
    }

    /** %-Ns. */
    static String left(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** %Ns. */
    static String right(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /** %-Nd / %-Nu. */
    static String left(long number, int width) {
        return left(Long.toString(number), width);
    }

    /** %-Ns into out, without the intermediate string (the listings run on cold code). */
    static StringBuilder appendLeft(StringBuilder out, String text, int width) {
        return pad(out.append(text), width - text.length());
    }

    /** %-Nd / %-Nu into out. */
    static StringBuilder appendLeft(StringBuilder out, long number, int width) {
        int start = out.length();
        out.append(number);
        return pad(out, width - (out.length() - start));
    }

    private static StringBuilder pad(StringBuilder out, int spaces) {
        for (int i = 0; i < spaces; i++) {
            out.append(' ');
        }
        return out;
    }

    /** The first max characters, as writing a NUL into a C buffer does. */
    static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
