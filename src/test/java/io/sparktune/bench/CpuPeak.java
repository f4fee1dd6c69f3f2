package io.sparktune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The FP32 peak of one core, derived from the vector width in /proc/cpuinfo and the clock, with its derivation. */
public record CpuPeak(String model, int floatsPerVector, int fmaUnits, double gigahertz, String clockSource) {

    public static CpuPeak detect() {
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = field(cpuinfo, "model name");
            String flags = " " + field(cpuinfo, "flags") + " ";
            int width = flags.contains(" avx512f ") ? 16 : flags.contains(" avx2 ") ? 8 : 4;
            Path max = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
            if (Files.exists(max)) {
                return new CpuPeak(model, width, 2, Long.parseLong(Files.readString(max).trim()) / 1e6,
                        "cpuinfo_max_freq");
            }
            return new CpuPeak(model, width, 2, Double.parseDouble(field(cpuinfo, "cpu MHz")) / 1000,
                    "/proc/cpuinfo 'cpu MHz'");
        } catch (Exception e) {
            return new CpuPeak("unknown", 8, 2, 2.5, "assumed (" + e.getMessage() + ")");
        }
    }

    public double gflopsPerCore() {
        return fmaUnits * floatsPerVector * 2 * gigahertz;
    }

    public String derivation() {
        return String.format(Locale.ROOT, "%s: %d FMA units x %d FP32 lanes (%s) x 2 FLOP per FMA x %.2f GHz (%s)"
                        + " = %.0f GFLOP/s per core", model, fmaUnits, floatsPerVector,
                floatsPerVector == 16 ? "AVX-512" : floatsPerVector == 8 ? "AVX2" : "SSE", gigahertz, clockSource,
                gflopsPerCore());
    }

    private static String field(List<String> cpuinfo, String name) {
        return cpuinfo.stream().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
    }

    /**
     * The peak from a measured clock instead of a reported one: twelve independent chains of scalar FMAs run
     * for the best of six rounds, which a core retires at its FMA units' full rate, give FMAs per second per lane;
     * times the vector lanes and 2 FLOP per FMA is the FP32 peak. Reported clocks ('cpu MHz', cpufreq) can
     * be a base or a current figure rather than what the core sustains.
     */
    public static CpuPeak measure() {
        CpuPeak reported = detect();
        // The best of several rounds: the first ones run before the JIT has compiled the loop.
        long iterations = 100_000_000L;
        double fmasPerSecond = 0;
        float sink = 0;
        for (int round = 0; round < 6; round++) {
            long start = System.nanoTime();
            sink += fmaChains(iterations);
            fmasPerSecond = Math.max(fmasPerSecond, 12.0 * iterations / ((System.nanoTime() - start) / 1e9));
        }
        // fmaUnits FMAs a cycle: the scalar rate is fmaUnits x the clock.
        double gigahertz = fmasPerSecond / reported.fmaUnits() / 1e9;
        return new CpuPeak(reported.model(), reported.floatsPerVector(), reported.fmaUnits(), gigahertz,
                String.format(Locale.ROOT, "measured: %.2f G scalar FMA/s with %d FMA units%s", fmasPerSecond / 1e9,
                        reported.fmaUnits(), sink == 42 ? " " : ""));
    }

    private static float fmaChains(long iterations) {
        float m = 0.999999f;
        float c = 1e-7f;
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
        for (long i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
            a8 = Math.fma(a8, m, c);
            a9 = Math.fma(a9, m, c);
            a10 = Math.fma(a10, m, c);
            a11 = Math.fma(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
