package io.jlvs.cli.ipvsadm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** config_stream_read's splitting of -R input, quirks included. */
class RestoreReaderTest {

    private static List<List<String>> lines(String input) {
        return lines(new RestoreReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
    }

    private static List<List<String>> lines(RestoreReader reader) {
        List<List<String>> lines = new ArrayList<>();
        Optional<List<String>> line;
        while ((line = reader.nextLine()).isPresent()) {
            lines.add(line.get());
        }
        return lines;
    }

    @Test
    void wordsSplitAtBlanksTabsAndCarriageReturns() {
        assertEquals(List.of(List.of("-A", "-t", "10.0.0.1:80"), List.of("-C")), lines("-A -t\t10.0.0.1:80\r\n  -C \t\r\n"));
    }

    @Test
    void wordsReadTheSameWhereverTheInputIsCutIntoBlocks() {
        // 20,000 lines of 19 bytes cross the reader's 64 KB blocks inside words, separators and
        // the word "ipvsadm"; a stream that hands out odd-sized pieces cuts it anywhere.
        String line = "ipvsadm -a -t 1:80\n";
        String input = line.repeat(20_000) + "-C";
        List<List<String>> expected = new ArrayList<>(Collections.nCopies(20_000, List.of("-a", "-t", "1:80")));
        expected.add(List.of("-C"));
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };

        assertEquals(expected, lines(input));
        assertEquals(expected, lines(new RestoreReader(trickle)));
    }

    @Test
    void theWordIpvsadmIsDroppedWherever() {
        assertEquals(List.of(List.of("-C"), List.of("-L", "-n")), lines("ipvsadm -C\n-L ipvsadm -n\n"));
    }

    @Test
    void blankLinesComeBackEmpty() {
        assertEquals(List.of(List.of(), List.of(), List.of("-C")), lines("\n   \n-C\n"));
    }

    @Test
    void aLastLineWithoutNewlineIsRead() {
        assertEquals(List.of(List.of("-C")), lines("-C"));
        assertEquals(List.of(List.of("-C")), lines("-C "));
    }

    @Test
    void twoBlanksAfterTheLastWordWithoutNewlineLoseTheLineAsInIpvsadm() {
        assertEquals(List.of(List.of("-Z")), lines("-Z\n-C  "));
    }

    @Test
    void commentsAreNotStripped() {
        assertEquals(List.of(List.of("#", "saved", "table")), lines("# saved table\n"));
    }

    @Test
    void aCommentLineMakesIpvsadmGiveUpWithTheHint() {
        Run run = Run.of(FakeClient.accepting(), new FixedNames(), "# saved\n-C\n", "-R");
        assertEquals(new Run(255, "", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"), run);
    }
}
