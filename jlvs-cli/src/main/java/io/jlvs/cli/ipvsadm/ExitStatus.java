package io.jlvs.cli.ipvsadm;

/** The exit statuses ipvsadm uses. */
public final class ExitStatus {
    /** Success. */
    public static final int OK = 0;
    /** A command-line error (ipvsadm's fail(2, ...)). */
    public static final int USAGE = 2;
    /** The kernel (here: jlvsd) refused the command; ipvsadm exits with -1. */
    public static final int TABLE_ERROR = 255;

    private ExitStatus() {
    }
}
