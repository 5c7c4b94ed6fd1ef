/** The control plane: commands, validation, the state file and the wire codec. */
module io.jlvs.control {
    requires transitive io.jlvs.core;
    requires com.fasterxml.jackson.databind;
    exports io.jlvs.control;
    exports io.jlvs.control.api;
}
