package dev.legacybridge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load driver for Keycloak's password grant: a fixed number of threads, each sending one request after
 * the other, first for a warm-up period (not recorded), then for the measured period.
 *
 * <p>Users are dealt to threads round-robin (thread {@code t} of {@code c} uses users {@code t, t+c, t+2c, ...}), so
 * two concurrent requests never log in the same user: Keycloak's default brute-force protector refuses a login while
 * another login of the same user is in flight ({@code DefaultBlockingBruteForceProtector}).
 *
 * <p>Counting: a request is counted when it <em>completes</em> inside the measured period, whenever it started; the
 * throughput is those completions divided by the period, an unbiased rate in steady state. Its latency (send to last
 * byte) goes into an HdrHistogram in microseconds, 3 significant digits.
 */
final class LoginLoad {

    /** What one run measured. */
    record Result(String label, int concurrency, long ok, long errors, Map<String, Long> errorKinds,
                  double seconds, Histogram latencyMicros, long serverCpuNanos) {

        double throughput() {
            return ok / seconds;
        }

        /** Keycloak CPU time per successful login, in ms (NaN when unknown). */
        double serverCpuMillisPerLogin() {
            return serverCpuNanos < 0 || ok == 0 ? Double.NaN : serverCpuNanos / 1e6 / ok;
        }

        double percentileMillis(double p) {
            return latencyMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String clientId;

    LoginLoad(String baseUrl, String realm, String clientId) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.tokenEndpoint = URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token");
        this.clientId = clientId;
    }

    /** One login; returns null on success, else a short description of the failure. */
    String login(LegacyUsers.Account account) {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(AdminApi.form(Map.of("grant_type", "password",
                        "client_id", clientId, "username", account.username(), "password", account.password()))))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"access_token\"")) {
                return null;
            }
            String error = r.body();
            try {
                JsonNode json = AdminApi.JSON.readTree(r.body());
                error = json.path("error").asText() + ": " + json.path("error_description").asText();
            } catch (IOException notJson) {
                // keep the raw body
            }
            return r.statusCode() + " " + (error.length() > 200 ? error.substring(0, 200) : error);
        } catch (IOException e) {
            return "I/O " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Runs {@code concurrency} threads over {@code accounts} (at least one per thread) for {@code warmup} plus
     * {@code measure}; {@code serverCpu} is sampled at the start and end of the measured period.
     */
    Result run(String label, List<LegacyUsers.Account> accounts, int concurrency, Duration warmup, Duration measure,
               LongSupplier serverCpu) {
        if (accounts.size() < concurrency) {
            throw new IllegalArgumentException(label + ": " + accounts.size() + " users cannot keep " + concurrency
                    + " concurrent logins apart");
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            List<LegacyUsers.Account> mine = new ArrayList<>();
            for (int i = t; i < accounts.size(); i += concurrency) {
                mine.add(accounts.get(i));
            }
            Histogram h = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
            histograms.add(h);
            Thread thread = new Thread(() -> {
                int next = 0;
                while (System.nanoTime() < measureTo) {
                    LegacyUsers.Account account = mine.get(next++ % mine.size());
                    long sent = System.nanoTime();
                    String failure = login(account);
                    long done = System.nanoTime();
                    if (done >= measureFrom && done <= measureTo) {
                        if (failure == null) {
                            ok.incrementAndGet();
                            h.recordValue(Math.max(1, (done - sent) / 1000));
                        } else {
                            errors.incrementAndGet();
                            errorKinds.merge(failure, 1L, Long::sum);
                        }
                    } else if (failure != null && done < measureFrom) {
                        errorKinds.merge("(warm-up) " + failure, 1L, Long::sum);
                    }
                }
            }, "login-" + label + "-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        long cpuBefore = sleepUntilThen(measureFrom, serverCpu);
        long cpuAfter = sleepUntilThen(measureTo, serverCpu);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Histogram all = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        histograms.forEach(all::add);
        long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
        return new Result(label, concurrency, ok.get(), errors.get(), new TreeMap<>(errorKinds), measure.toNanos() / 1e9,
                all, cpu);
    }

    private static long sleepUntilThen(long deadline, LongSupplier sample) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000), (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return sample.getAsLong();
    }
}
