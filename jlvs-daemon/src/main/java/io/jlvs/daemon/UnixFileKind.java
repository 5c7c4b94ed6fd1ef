package io.jlvs.daemon;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Map;

/**
 * What kind of file a path names, from the S_IFMT bits of lstat(2)'s mode (a symbolic link is
 * itself, never its target), with its owner and permission bits, for refusing what jlvsd must
 * not touch.
 *
 * @param kind  the file type in words ("socket", "regular file", "directory", ...)
 * @param uid   the owner's user id
 * @param owner the owner's name
 * @param mode  the permission bits (mode & 07777)
 */
record UnixFileKind(String kind, int uid, String owner, int mode) {
    static final String SOCKET = "socket";
    static final String DIRECTORY = "directory";

    private static final int S_IFMT = 0170000;
    private static final Map<Integer, String> KINDS = Map.of(
            0140000, SOCKET, 0120000, "symbolic link", 0100000, "regular file", 0060000, "block device",
            0040000, DIRECTORY, 0020000, "character device", 0010000, "named pipe");

    /** The file at path, or null when there is none. */
    static UnixFileKind of(Path path) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        int mode = (Integer) attributes.get("mode");
        int uid = (Integer) attributes.get("uid");
        String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        return new UnixFileKind(KINDS.getOrDefault(mode & S_IFMT, "file of an unknown type"), uid, owner,
                mode & 07777);
    }

    boolean is(String expected) {
        return kind.equals(expected);
    }

    /** "owned by NAME (uid N) with mode 0NNN", for messages. */
    String ownership() {
        return "owned by " + owner + " (uid " + uid + ") with mode " + String.format("%04o", mode);
    }
}
