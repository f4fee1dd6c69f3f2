package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.results.LocalHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search's cost estimate uses the pace measured on networks of its own size: a small network trains at a
 * fraction of the FLOP rate of a large one, so one pace for all was wrong by an order of magnitude.
 */
class MachinePaceTest {
    @TempDir
    Path home;
    private String before;

    @BeforeEach
    void useTempHome() {
        before = System.getProperty("sparktune.home");
        System.setProperty("sparktune.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (before == null) {
            System.clearProperty("sparktune.home");
        } else {
            System.setProperty("sparktune.home", before);
        }
    }

    @Test
    void eachSizeOfNetworkKeepsItsOwnPaceAndASearchGetsTheNearest() {
        MachinePace.measured(3.0e9, "small", 9e6).save();
        MachinePace.measured(49e9, "large", 230e6).save();
        assertEquals("small", MachinePace.load(8e6).orElseThrow().search());
        assertEquals("small", MachinePace.load(30e6).orElseThrow().search());
        assertEquals("large", MachinePace.load(100e6).orElseThrow().search());
        assertEquals(49e9, MachinePace.load(230e6).orElseThrow().flopsPerCoreSecond());

        MachinePace.measured(55e9, "large again", 300e6).save();
        assertEquals("large again", MachinePace.load(230e6).orElseThrow().search(),
                "a pace on networks within a factor of two of another's replaces it");
        assertEquals("small", MachinePace.load(9e6).orElseThrow().search());
    }

    @Test
    void aHostKeepsItsNewestPacesOnly() {
        for (int i = 0; i < MachinePace.KEPT + 3; i++) {
            MachinePace.measured(1e9 * (i + 1), "search " + i, 1e6 * Math.pow(4, i)).save();
        }
        assertEquals("search " + (MachinePace.KEPT + 2), MachinePace.load(1e6 * Math.pow(4, MachinePace.KEPT + 2))
                .orElseThrow().search());
        assertEquals("search 3", MachinePace.load(1e6).orElseThrow().search(),
                "the oldest three were dropped, so the smallest kept is the nearest");
    }

    @Test
    void aPaceStoredBeforeSizesWereKeptIsStillUsedUntilASizedOneReplacesIt() throws Exception {
        Files.writeString(home.resolve("pace.json"), "{\"" + LocalHost.name() + "\": {\"flops_per_core_second\":"
                + " 3.0E9, \"measured_at\": \"2026-11-29T10:00:00Z\", \"search\": \"older\"}}");
        assertEquals("older", MachinePace.load(50e6).orElseThrow().search());
        MachinePace.measured(20e9, "sized", 50e6).save();
        assertEquals("sized", MachinePace.load(1e6).orElseThrow().search());
        assertTrue(Files.readString(home.resolve("pace.json")).contains("flops_per_image"));
        assertTrue(!Files.readString(home.resolve("pace.json")).contains("older"), "the unsized one is dropped");
    }

    @Test
    void theCostLineNeverPrintsAPaceAsZero() {
        assertEquals("17.3", MachinePace.gigaflops(17.3e9));
        assertEquals("4.5", MachinePace.gigaflops(4.45e9 + 1));
        assertEquals("0.045", MachinePace.gigaflops(4.528e7), "a tiny network's pace, mostly overheads");
    }

    @Test
    void noPaceBeforeAnySearchHasRunHere() {
        assertTrue(MachinePace.load(10e6).isEmpty());
    }
}
