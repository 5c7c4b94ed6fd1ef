/** jlvsd and the jlvs command. */
module io.jlvs.daemon {
    requires io.jlvs.cli;
    requires io.jlvs.control;
    requires io.jlvs.proxy;
    requires info.picocli;
    requires org.slf4j;
    opens io.jlvs.daemon to info.picocli;
}
