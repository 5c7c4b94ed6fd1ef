/** jlvsd and the jlvs command. */
module io.jlvs.daemon {
    requires io.jlvs.cli;
    requires io.jlvs.control;
    requires io.jlvs.proxy;
    requires io.jlvs.director;
    requires io.jlvs.io.linux;
    requires info.picocli;
    requires org.slf4j;
    // LogConfigurator: jlvsd's Logback set-up, in code
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires jdk.httpserver;
    // sun.misc.Signal: SIGTERM and SIGINT stop jlvsd with exit status 0.
    requires jdk.unsupported;
    exports io.jlvs.daemon;
    provides ch.qos.logback.classic.spi.Configurator with io.jlvs.daemon.LogConfigurator;
    opens io.jlvs.daemon to info.picocli;
    opens io.jlvs.daemon.quickstart to info.picocli;
    opens io.jlvs.daemon.realserver to info.picocli;
    opens io.jlvs.daemon.lab to info.picocli;
}
