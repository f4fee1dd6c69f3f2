package io.sparktune.results;

import io.sparktune.input.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Threads let loose on one claim at the same moment, as searches started at once would be. */
final class Race {
    /** A claim that either succeeds or is refused with the user's message. */
    interface Claim {
        void claim() throws Exception;
    }

    private Race() {
    }

    /** How many of {@code racers} threads, started together, made {@code claim} without being refused. */
    static int winners(int racers, Claim claim) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    try {
                        claim.claim();
                        return true;
                    } catch (UserInputException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> c : claims) {
                won += c.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }
}
