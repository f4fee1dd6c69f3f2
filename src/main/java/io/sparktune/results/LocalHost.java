package io.sparktune.results;

/** This machine's name, as trial results and output-folder locks record it. */
public final class LocalHost {
    private LocalHost() {
    }

    public static String name() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
