package io.jlvs.daemon.packet;

import io.jlvs.daemon.DaemonStartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Finding nft and running a script through it, with shell stand-ins for nft. */
class NftCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutNftTheErrorNamesThePackage() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("bin"));

        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> NftCommand.locate(empty.toString(), List.of(dir.resolve("sbin").toString())));

        assertEquals("packet mode needs the nft command of nftables, to keep the director's own kernel from answering"
                + " packets jlvsd handles; it is not in PATH, " + dir.resolve("sbin")
                + " (Debian and Ubuntu: apt-get install nftables)", e.getMessage());
    }

    @Test
    void nftIsFoundInPathBeforeTheOtherDirectories() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path sbin = Files.createDirectory(dir.resolve("sbin"));
        for (Path directory : List.of(bin, sbin)) {
            Files.createFile(directory.resolve("nft"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }

        assertEquals(bin.resolve("nft"), NftCommand.locate("/nonexistent:" + bin, List.of(sbin.toString())));
        assertEquals(sbin.resolve("nft"), NftCommand.locate(null, List.of(sbin.toString())));
    }

    @Test
    void theScriptIsNftsStandardInput() throws IOException {
        Path received = dir.resolve("received");

        new NftCommand(List.of("sh", "-c", "test \"$1 $2\" = '-f -' && cat > " + received, "nft")).apply("add table netdev x\n");

        assertEquals("add table netdev x\n", Files.readString(received));
    }

    @Test
    void aFailureCarriesNftsExitStatusAndWords() {
        IOException e = assertThrows(IOException.class, () -> new NftCommand(
                List.of("sh", "-c", "cat > /dev/null; echo 'Error: syntax error' >&2; exit 1", "nft")).apply("bad\n"));

        assertEquals("sh -c cat > /dev/null; echo 'Error: syntax error' >&2; exit 1 nft -f - exited 1: Error: syntax error",
                e.getMessage());
    }
}
