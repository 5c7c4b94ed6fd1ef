/** Test helpers shared by every module's tests. */
module io.jlvs.testkit {
    requires org.junit.jupiter.api;

    exports io.jlvs.testkit;
    exports io.jlvs.testkit.packet;
}
