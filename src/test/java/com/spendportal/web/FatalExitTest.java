package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process that really runs out of memory, with the heap still full when {@link Fatal} runs, writes the one line and
 * halts with status 3 (the status of {@code -XX:+ExitOnOutOfMemoryError}), within a few seconds.
 */
class FatalExitTest {

    @Test
    void aProcessOutOfMemoryWritesOneLineAndHalts() throws Exception {
        Path output = Files.createTempFile(Path.of("target"), "out-of-memory-child", ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), OutOfMemoryChild.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        child.destroyForcibly();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(ended, "the child ended: " + text);
        assertEquals(Fatal.EXIT_STATUS, child.exitValue(), text);
        assertEquals(1, (text.length() - text.replace(Fatal.LINE, "").length()) / Fatal.LINE.length(), "the line, once: " + text);
        assertFalse(text.contains(OutOfMemoryChild.STILL_RUNNING), text);
    }
}
