package io.jlvs.cli.ipvsadm;

/**
 * ipvsadm ending the process while it parses: fail(), the "Try ... -h" hint, -h and --version.
 * Under -R it ends the whole restore, as exit() does in ipvsadm.
 */
final class ProgramExit extends Exception {

    private final int status;
    private final String stdout;
    private final String stderr;

    private ProgramExit(int status, String stdout, String stderr) {
        super(stderr.isEmpty() ? stdout : stderr, null, false, false);
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** ipvsadm's fail(2, ...): the message and a newline on stderr, exit status 2. */
    static ProgramExit usage(String message) {
        return new ProgramExit(ExitStatus.USAGE, "", message + "\n");
    }

    /** tryhelp_exit(program, -1). */
    static ProgramExit tryHelp(String program) {
        return new ProgramExit(ExitStatus.TABLE_ERROR, "",
                "Try `" + program + " -h' or '" + program + " --help' for more information.\n");
    }

    /** A listing that could not be read: ipvsadm prints the reason (if any) and exits 1. */
    static ProgramExit listingFailed(String message) {
        return new ProgramExit(1, "", message.isEmpty() ? "" : message + "\n");
    }

    /** Any other end of the program, with a message line on stderr. */
    static ProgramExit failure(int status, String message) {
        return new ProgramExit(status, "", message + "\n");
    }

    /** -h or --version: text on stdout, exit status 0. */
    static ProgramExit print(String text) {
        return new ProgramExit(ExitStatus.OK, text, "");
    }

    int status() {
        return status;
    }

    String stdout() {
        return stdout;
    }

    String stderr() {
        return stderr;
    }
}
