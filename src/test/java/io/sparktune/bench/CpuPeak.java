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
}
