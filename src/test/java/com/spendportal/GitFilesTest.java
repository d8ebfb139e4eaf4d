package com.spendportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret or generated in git, as {@code .ci/run} checks before the tests: no H2 database (it holds the
 * encrypted API keys) and no {@code secret.key} or {@code session.key} (they decrypt them and forge sessions).
 * Skipped only outside a git checkout (a source tarball); in one, git must answer.
 */
class GitFilesTest {

    static final Pattern FORBIDDEN = Pattern.compile("(^|.*/)(.*\\.(mv|trace|h2)\\.db|secret\\.key|session\\.key)");

    @Test
    void gitHoldsNoDatabaseAndNoKey() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        Assumptions.assumeTrue(insideCheckout(root), "not a git checkout: " + root);
        Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git ls-files failed in " + root);
        List<String> tracked = Arrays.stream(listing.split("\0")).filter(path -> FORBIDDEN.matcher(path).matches())
                .toList();
        assertEquals(List.of(), tracked, "git holds a database or a key: git rm --cached them (.gitignore keeps data"
                + " directories out)");
    }

    @Test
    void thePatternMatchesWhatCiRefuses() {
        for (String path : List.of("data-w21/portal.mv.db", "portal.trace.db", "a/b/old.h2.db", "secret.key",
                "data/session.key")) {
            assertTrue(FORBIDDEN.matcher(path).matches(), path);
        }
        for (String path : List.of("src/main/java/com/spendportal/accounts/ApiKeyCipher.java", "docs/secret.key.md",
                "mv.db.txt", "my-secret.key")) {
            assertFalse(FORBIDDEN.matcher(path).matches(), path);
        }
    }

    private static boolean insideCheckout(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }
}
