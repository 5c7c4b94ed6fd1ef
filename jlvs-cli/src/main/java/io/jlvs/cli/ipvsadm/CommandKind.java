package io.jlvs.cli.ipvsadm;

/**
 * ipvsadm's commands with the names its messages use, and each command's row of the
 * command/option table: '+' compulsory, 'x' illegal, '1' exclusive, ' ' optional.
 */
enum CommandKind {
    // Columns, one character each, in OptionColumn order (transcribed from ipvsadm.c), then
    // jlvs's proxy-protocol column: optional with -A and -E, illegal everywhere else.
    ADD("add-service",          "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx "),
    EDIT("edit-service",        "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx "),
    DELETE("delete-service",    "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    FLUSH("flush",              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    LIST("list",                " 11xxxxxxxxx11       xxxxxxx xxxxxx"),
    ADD_SERVER("add-server",    "xx+xxx+    xxxxxxxxxxxxxxxxxx     x"),
    DELETE_SERVER("delete-server", "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    EDIT_SERVER("edit-server",  "xx+xxx+    xxxxxxxxxxxxxxxxxx     x"),
    TIMEOUT("set",              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    START_DAEMON("start-daemon", "xxxxxxxxxxx xxxxxxx xxxx    xxxxxxx"),
    STOP_DAEMON("stop-daemon",  "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxx"),
    RESTORE("restore",          "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    SAVE("save",                " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ZERO("zero",                "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

    private final String text;
    private final String row;

    CommandKind(String text, String row) {
        if (row.length() != OptionColumn.values().length) {
            throw new IllegalStateException(text + ": row has " + row.length() + " columns");
        }
        this.text = text;
        this.row = row;
    }

    /** The name in ipvsadm's messages. */
    String text() {
        return text;
    }

    /** This command's rule for an option column. */
    char rule(OptionColumn column) {
        return row.charAt(column.ordinal());
    }
}
