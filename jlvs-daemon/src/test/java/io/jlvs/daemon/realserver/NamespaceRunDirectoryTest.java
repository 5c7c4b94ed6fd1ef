package io.jlvs.daemon.realserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which run directory rs-setup uses, from namespace links made as symbolic links in a temporary
 * directory and ip netns names as files there (compared by their inodes).
 */
class NamespaceRunDirectoryTest {
    @TempDir
    Path links;

    private final Path base = Path.of("/run/jlvs");

    private Path link(String name, String target) throws IOException {
        return Files.createSymbolicLink(links.resolve(name), Path.of(target));
    }

    private Path namedDirectory() throws IOException {
        return Files.createDirectories(links.resolve("netns"));
    }

    @Test
    void initsNamespaceKeepsTheRunDirectoryItself() throws IOException {
        Path own = link("own", "net:[4026531840]");
        Path init = link("init", "net:[4026531840]");

        assertEquals(base, NamespaceRunDirectory.of(base, own, init, namedDirectory()));
    }

    @Test
    void anotherNamespaceGetsADirectoryNamedByItsInode() throws IOException {
        Path own = link("own", "net:[4026532253]");
        Path init = link("init", "net:[4026531840]");

        assertEquals(Path.of("/run/jlvs/netns-4026532253"),
                NamespaceRunDirectory.of(base, own, init, namedDirectory()));
    }

    @Test
    void withoutInitsLinkANamespaceThatIpNetnsNamesGetsItsDirectoryAndAnUnnamedOneTheRunDirectory()
            throws IOException {
        Path named = namedDirectory();
        Path rs1 = Files.createFile(named.resolve("rs1"));
        long inode = (Long) Files.getAttribute(rs1, "unix:ino");
        Path unreadable = links.resolve("init-not-readable");

        assertEquals(base.resolve("netns-" + inode),
                NamespaceRunDirectory.of(base, link("own", "net:[" + inode + "]"), unreadable, named));
        assertEquals(base, NamespaceRunDirectory.of(base, link("host", "net:[" + (inode + 1) + "]"), unreadable,
                named));
        assertEquals(base, NamespaceRunDirectory.of(base, links.resolve("host"), unreadable, links.resolve("none")));
    }

    @Test
    void aLinkThatIsNotANetworkNamespaceIsAnErrorNamingIt() throws IOException {
        Path own = link("own", "mnt:[4026531841]");
        Path init = link("init", "net:[4026531840]");

        IOException e = assertThrows(IOException.class,
                () -> NamespaceRunDirectory.of(base, own, init, namedDirectory()));
        assertEquals(own + " is not a network namespace (mnt:[4026531841])", e.getMessage());
    }

    @Test
    void aNamespacesDirectoryGoesOnceEmptyWhileTheRunDirectoryAndAKeptLogStay() throws IOException {
        Path run = Files.createDirectories(links.resolve("run"));
        Path empty = Files.createDirectories(run.resolve("netns-1"));
        Path withLog = Files.createDirectories(run.resolve("netns-2"));
        Files.writeString(withLog.resolve("rs-decapsulator.log"), "ready\n");

        NamespaceRunDirectory.removeIfEmpty(run, empty);
        NamespaceRunDirectory.removeIfEmpty(run, withLog);
        NamespaceRunDirectory.removeIfEmpty(run, run);

        assertFalse(Files.exists(empty));
        assertTrue(Files.exists(withLog.resolve("rs-decapsulator.log")));
        assertTrue(Files.isDirectory(run));
    }
}
