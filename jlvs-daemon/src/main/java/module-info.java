/** jlvsd and the jlvs command. */
module io.jlvs.daemon {
    requires io.jlvs.cli;
    requires io.jlvs.control;
    requires io.jlvs.proxy;
    requires io.jlvs.io.linux;
    requires info.picocli;
    requires org.slf4j;
    requires jdk.httpserver;
    // sun.misc.Signal: SIGTERM and SIGINT stop jlvsd with exit status 0.
    requires jdk.unsupported;
    exports io.jlvs.daemon;
    opens io.jlvs.daemon to info.picocli;
    opens io.jlvs.daemon.quickstart to info.picocli;
}
