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

    /** The first max characters, as writing a NUL into a C buffer does. */
    static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
