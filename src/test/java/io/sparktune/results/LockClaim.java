package io.sparktune.results;

import java.io.IOException;

/**
 * A process that claims an output folder's lock, says whether it got it ("claimed" or "refused"), and
 * holds it until its standard input closes: one side of FolderLockTest's race between two processes.
 */
public final class LockClaim {
    private LockClaim() {
    }

    public static void main(String[] args) throws IOException {
        FolderLock lock;
        try {
            lock = FolderLock.acquire(args[0]);
        } catch (RuntimeException e) {
            System.out.println("refused");
            return;
        }
        System.out.println("claimed");
        System.out.flush();
        while (System.in.read() >= 0) {
            // held until the test closes our input
        }
        lock.release();
    }
}
