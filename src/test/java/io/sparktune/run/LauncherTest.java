package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void theSuggestedCommandRepeatsTheSubmissionButNotItsSecrets() {
        String submit = "jobs/submit.sh --master yarn --conf spark.hadoop.fs.s3a.access.key=AKIA123"
                + " --conf spark.hadoop.fs.s3a.secret.key=s3cr3t --conf spark.executor.cores=2 --";
        assertEquals("jobs/submit.sh --master yarn --conf spark.hadoop.fs.s3a.access.key=*********(redacted)"
                + " --conf spark.hadoop.fs.s3a.secret.key=*********(redacted) --conf spark.executor.cores=2 --"
                + " search spec.json", Launcher.command(submit, "search spec.json"));
    }

    @Test
    void withoutALauncherTheCommandIsSparktune() {
        assertEquals("sparktune query -o out", Launcher.command(null, "query -o out"));
        assertEquals("bin/sparktune query -o out", Launcher.command(" bin/sparktune ", "query -o out"));
    }
}
