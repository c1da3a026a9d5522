import java.lang.management.ManagementFactory;
import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;

/** CPU time of one password verification with the console's encoder settings (Argon2id t=5, m=7 MiB, p=1). */
public class HashCost {
    public static void main(String[] args) {
        var argon2 = new Argon2PasswordEncoder(16, 32, 1, 7 * 1024, 5);
        var encoder = new DelegatingPasswordEncoder("argon2id-t5-m7168", Map.of("argon2id-t5-m7168", argon2));
        String hash = encoder.encode("bench-owner-password");
        // process CPU, not thread CPU: the garbage collector's work on Argon2's 7 MiB blocks is part of the hash's cost
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // warm up until the JIT has compiled BouncyCastle's Argon2 (as it has in a console that has served a while)
        long warmUntil = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            encoder.matches("bench-owner-password", hash);
        }
        // as many threads as the sign-in benchmark keeps busy, since concurrent hashes compete for memory bandwidth
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int perThread = 200;
        long cpu0 = bean.getProcessCpuTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        var jobs = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < threads; t++) {
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (!encoder.matches("bench-owner-password", hash)) {
                        throw new IllegalStateException("hash mismatch");
                    }
                }
            }));
        }
        for (var job : jobs) {
            try {
                job.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        double ms = (bean.getProcessCpuTime() - cpu0) / 1e6 / (threads * perThread);
        System.out.printf("%.2f ms per verification (process CPU, %d threads, %d runs)%n", ms, threads, threads * perThread);
    }
}
