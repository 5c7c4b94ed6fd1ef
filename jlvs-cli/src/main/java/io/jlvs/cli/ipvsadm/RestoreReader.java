package io.jlvs.cli.ipvsadm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ipvsadm's config_stream_read for -R: a line split at blanks, tabs and carriage returns into
 * words, with every word "ipvsadm" dropped. Like ipvsadm it does not strip '#' comments (the
 * ipvsadm-restore script greps them out), and input that ends in two or more blanks after the
 * last newline is dropped.
 */
final class RestoreReader {

    private static final int EOF = -1;

    private final InputStream in;
    // Read a block at a time and hand out bytes from it: -R of 100,000 lines reads megabytes.
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private int pushedBack = -2;
    private byte[] word = new byte[64];
    private int afterWord;

    RestoreReader(InputStream in) {
        this.in = in;
    }

    /** The next line's words (possibly none), or empty at the end of the input. */
    Optional<List<String>> nextLine() {
        List<String> words = new ArrayList<>();
        int tokens = 0;
        while (true) {
            int c = read();
            if (c == EOF) {
                return tokens == 0 ? Optional.empty() : Optional.of(words);
            }
            if (isSeparator(c)) {
                // fscanf found no word here: skip blanks up to the end of the line
                while (true) {
                    if (c == EOF) {
                        return Optional.empty();
                    }
                    if (c == '\n') {
                        return Optional.of(words);
                    }
                    if (!isSeparator(c)) {
                        unread(c);
                        break;
                    }
                    c = read();
                }
                continue;
            }
            String text = word(c);
            // c is the one separator fscanf's "%1[ \t\n\r]" takes, or the end of the input
            c = afterWord;
            if (!text.equals("ipvsadm")) {
                words.add(text);
                tokens++;
            }
            if (c == '\n') {
                return Optional.of(words);
            }
        }
    }

    /**
     * The word that starts with this character, read up to the next separator, which is taken
     * and left in afterWord (EOF at the end of the input). Bytes are Latin-1 characters.
     */
    private String word(int first) {
        int length = 0;
        word[length++] = (byte) first;
        while (true) {
            if (position == limit && !fill()) {
                afterWord = EOF;
                break;
            }
            int start = position;
            while (position < limit && !isSeparator(buffer[position] & 0xFF)) {
                position++;
            }
            int run = position - start;
            if (length + run > word.length) {
                word = Arrays.copyOf(word, Math.max(word.length * 2, length + run));
            }
            System.arraycopy(buffer, start, word, length, run);
            length += run;
            if (position < limit) {
                afterWord = buffer[position++] & 0xFF;
                break;
            }
        }
        return new String(word, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean isSeparator(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private int read() {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++] & 0xFF;
    }

    /** Reads the next block; false at the end of the input. */
    private boolean fill() {
        try {
            int n = in.read(buffer);
            while (n == 0) {
                n = in.read(buffer);
            }
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
