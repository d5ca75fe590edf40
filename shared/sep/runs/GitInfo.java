package sep.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit a run was made from, and whether the work tree had uncommitted changes. */
public record GitInfo(String commit, boolean dirty) {
    public static GitInfo read(Path repo) {
        String commit = git(repo, "rev-parse", "HEAD");
        if (commit == null || commit.isBlank()) return new GitInfo("unknown", false);
        String status = git(repo, "status", "--porcelain", "--untracked-files=no");
        return new GitInfo(commit.trim(), status != null && !status.isBlank());
    }

    private static String git(Path repo, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = repo.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
