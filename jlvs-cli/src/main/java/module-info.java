/** The ipvsadm-compatible command line: parser, formatter and client. */
module io.jlvs.cli {
    requires transitive io.jlvs.control;
    exports io.jlvs.cli.ipvsadm;
    exports io.jlvs.cli.simulate;
}
