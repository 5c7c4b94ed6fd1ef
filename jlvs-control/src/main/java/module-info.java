/** The control plane: commands, validation, the state file and the wire codec. */
module io.jlvs.control {
    requires transitive io.jlvs.core;
    requires com.fasterxml.jackson.databind;
    exports io.jlvs.control;
    exports io.jlvs.control.api;
    exports io.jlvs.control.json;
    exports io.jlvs.control.state;
    exports io.jlvs.control.socket;
    // Jackson reads the mix-in and the state document reflectively.
    opens io.jlvs.control.json to com.fasterxml.jackson.databind;
    opens io.jlvs.control.state to com.fasterxml.jackson.databind;
}
