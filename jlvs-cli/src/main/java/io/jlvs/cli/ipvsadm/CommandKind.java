package io.jlvs.cli.ipvsadm;

/**
 * ipvsadm's commands with the names its messages use, and each command's row of the
 * command/option table: '+' compulsory, 'x' illegal, '1' exclusive, ' ' optional.
 */
enum CommandKind {
    // Columns, one character each, in OptionColumn order (transcribed from ipvsadm.c), then
    // jlvs's proxy-protocol column: optional with -A and -E, illegal everywhere else, then
    // Alibaba's local-address column: compulsory with -P and -Q, illegal everywhere else.
    ADD("add-service",          "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx x"),
    EDIT("edit-service",        "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx x"),
    DELETE("delete-service",    "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    FLUSH("flush",              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    LIST("list",                " 11xxxxxxxxx11       xxxxxxx xxxxxxx"),
    ADD_SERVER("add-server",    "xx+xxx+    xxxxxxxxxxxxxxxxxx     xx"),
    DELETE_SERVER("delete-server", "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    EDIT_SERVER("edit-server",  "xx+xxx+    xxxxxxxxxxxxxxxxxx     xx"),
    TIMEOUT("set",              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    START_DAEMON("start-daemon", "xxxxxxxxxxx xxxxxxx xxxx    xxxxxxxx"),
    STOP_DAEMON("stop-daemon",  "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxx"),
    RESTORE("restore",          "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    SAVE("save",                " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ZERO("zero",                "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    // Alibaba LVS's commands, with its rows: the service and -z compulsory for -P and -Q, the
    // service optional for -G, every other option illegal.
    ADD_LADDR("add-laddr",      "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx+"),
    DEL_LADDR("del-laddr",      "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx+"),
    GET_LADDR("get-laddr",      "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

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
