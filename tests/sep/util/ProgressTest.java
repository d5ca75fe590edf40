package sep.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private void advanceSeconds(double s) {
        clock.addAndGet((long) (s * 1e9));
    }

    @Test
    void logModePrintsAtMostEveryFiveSecondsAndAFinalLine() {
        Progress p = new Progress("hash", 100, "files", out, false, clock::get);
        p.step(10);
        advanceSeconds(1);
        p.step(10);
        assertEquals("", output(), "nothing before 5 s have passed");
        advanceSeconds(4.5);
        p.step(30);   // 50 of 100 after 5.5 s
        String line = output();
        assertTrue(line.startsWith("hash   50%  50/100 files"), line);
        assertTrue(line.contains("files/s") && line.contains("ETA 5.5 s"), line);
        p.step(10);
        assertEquals(line, output(), "no second line within 5 s of the first");
        advanceSeconds(1);
        p.step(40);
        p.close();
        p.close();   // idempotent
        String[] lines = output().split("\n");
        assertEquals(2, lines.length, output());
        assertTrue(lines[1].startsWith("hash  done  100 files in 6.5 s"), lines[1]);
        assertFalse(output().contains("\r"), "plain lines only when not on a terminal");
    }

    @Test
    void terminalModeRedrawsOneLineAtMostTenTimesASecond() {
        Progress p = new Progress("extract", 1000, "files", out, true, clock::get);
        for (int i = 0; i < 1000; i++) {
            p.step(1);
            advanceSeconds(0.001);   // 1000 steps over 1 s
        }
        long redraws = output().chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 9 && redraws <= 10, "redraws in 1 s: " + redraws);
        assertFalse(output().contains("\n"), "redraws stay on one line");
        p.close();
        assertTrue(output().endsWith("\n"), "close ends the line");
    }

    @Test
    void bytesAreShownAsMegabytesWithRateAndEta() {
        Progress p = new Progress("download x.zip", 200_000_000L, "bytes", out, false, clock::get);
        p.skip(50_000_000L);                 // resumed: counted as done, not in the rate
        advanceSeconds(10);
        p.step(50_000_000L);                 // 50 MB in 10 s = 5 MB/s, 100 MB left = 20 s
        String line = output().strip();
        assertEquals("download x.zip   50%  100.0/200.0 MB  5.0 MB/s  ETA 0:20", line);
    }

    @Test
    void unknownTotalShowsCountAndRateOnly() {
        Progress p = new Progress("scan", 0, "files", out, false, clock::get);
        advanceSeconds(6);
        p.step(12);
        assertEquals("scan  12 files  2.00 files/s", output().strip());
    }

    @Test
    void earlyCloseSaysWhereItStopped() {
        Progress p = new Progress("download y.zip", 4_000_000L, "bytes", out, false, clock::get);
        p.set(1_000_000L);
        advanceSeconds(2);
        p.close();
        assertTrue(output().startsWith("download y.zip  stopped at 25%  1.0/4.0 MB"), output());
    }

    @Test
    void messagesOnATerminalGetTheirOwnLine() {
        Progress p = new Progress("hash", 10, "files", out, true, clock::get);
        advanceSeconds(1);
        p.step(5);
        p.message("warning: something");
        String text = output();
        int message = text.indexOf("warning: something\n");
        assertTrue(message > 0, text);
        assertTrue(text.substring(0, message).endsWith("\r"), "the progress line is cleared first: " + text);
        assertTrue(text.substring(message).contains("hash   50%"), "and redrawn after: " + text);
    }

    @Test
    void stepIsThreadSafe() throws InterruptedException {
        Progress p = Progress.start("count", 0, "items", out, false);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) p.step(1);
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) thread.join();
        assertEquals(800_000, p.done());
    }

    @Test
    void quietCountsButPrintsNothing() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (Progress p = Progress.quiet()) {
            p.step(3);
            p.message("hidden");
            assertEquals(3, p.done());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void durationsReadWell() {
        assertEquals("3.2 s", Progress.formatDuration(3.21));
        assertEquals("1:05", Progress.formatDuration(65));
        assertEquals("2:00:00", Progress.formatDuration(7200));
        assertEquals("?", Progress.formatDuration(Double.POSITIVE_INFINITY));
    }
}
