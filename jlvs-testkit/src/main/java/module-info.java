/** Test helpers shared by every module's tests. */
module io.jlvs.testkit {
    exports io.jlvs.testkit;
}
