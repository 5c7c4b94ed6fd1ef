package io.jlvs.daemon.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Without root, or without ip or sysctl, jlvs lab says so, naming the Debian package. */
class HostToolsTest {
    private static final FileAttribute<?> EXECUTABLE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxr-xr-x"));

    @Test
    void withoutRootItSaysItNeedsRoot() {
        assertEquals("jlvs lab needs root: it creates network namespaces and starts jlvsd in packet mode (run it with sudo)",
                HostTools.missing(false, List.of()));
    }

    @Test
    void aMissingProgramIsNamedWithItsPackage(@TempDir Path bin) throws Exception {
        assertEquals("jlvs lab needs ip (Debian package iproute2) and sysctl (Debian package procps), which this machine"
                + " lacks: apt-get install iproute2 procps", HostTools.missing(true, List.of(bin)));
        Files.createFile(bin.resolve("ip"), EXECUTABLE);
        assertEquals("jlvs lab needs sysctl (Debian package procps), which this machine lacks: apt-get install procps",
                HostTools.missing(true, List.of(bin)));
        Files.createFile(bin.resolve("sysctl"), EXECUTABLE);
        assertNull(HostTools.missing(true, List.of(bin)));
    }

    @Test
    void theSearchPathAddsTheSbinDirectoriesAUsersPathMayLack() {
        assertEquals(List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/sbin")), HostTools.searchPath("/usr/bin::"));
    }
}
