package io.sparktune.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, started headless with the network off, as a user would open a report: it loads the
 * page, runs its scripts, and hands back the DOM as it stands afterwards and what the browser logged.
 */
record HeadlessChromium(Path binary) {
    /** The installed browser, or null when there is none (.ci/run installs Debian's chromium). */
    static HeadlessChromium find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return new HeadlessChromium(Path.of(candidate));
            }
        }
        return null;
    }

    record Page(String dom, String log) {
    }

    /** The page's DOM after its scripts ran, and the browser's console and error log. */
    Page open(Path page, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run",
                // Every host name fails to resolve, so a page that needed the network would show it.
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--window-size=1280,3000",
                "--virtual-time-budget=20000", "--dump-dom", page.toUri().toString()));
        Path out = scratch.resolve("dom.html");
        Path err = scratch.resolve("chromium.log");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s; log: " + Files.readString(err));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + Files.readString(err));
        }
        return new Page(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
