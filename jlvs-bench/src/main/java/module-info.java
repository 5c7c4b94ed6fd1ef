/** JMH benchmarks of the core, the control plane and the CLI. */
module io.jlvs.bench {
    requires io.jlvs.core;
    requires io.jlvs.control;
    requires io.jlvs.cli;
    requires jmh.core;
    exports io.jlvs.bench;
    opens io.jlvs.bench;
}
