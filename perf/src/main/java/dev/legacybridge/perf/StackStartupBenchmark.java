package dev.legacybridge.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 5: {@code ./stack.sh} from the command to the "stack ready" banner, unchanged, in a copy of the working
 * tree (so the repository's own {@code .stack/} and {@code target/} are never touched): first cold (no
 * {@code target/}, no {@code .stack/}: Maven, unpacking, {@code kc.sh build}, realm import), then warm (the second and
 * later starts, nothing changed). The stack binds fixed ports (8080, 9000, 8081), so each start runs in a private
 * network namespace ({@code unshare -n}, loopback only) where no other stack on this shared machine can hold them;
 * without {@code unshare} it runs directly if those ports are free.
 */
final class StackStartupBenchmark {

    static final double GOAL_SECONDS = 60;
    private static final Pattern KEYCLOAK_READY = Pattern.compile("Keycloak ready in ([0-9.]+) s");
    private static final Pattern STACK_READY = Pattern.compile("stack ready in ([0-9.]+) s");
    private static final Pattern MAVEN = Pattern.compile("Maven build took ([0-9]+) s");
    private static final Pattern KC_BUILD = Pattern.compile("kc.sh build took ([0-9.]+) s");
    private static final Pattern API_READY = Pattern.compile("\\[ *([0-9.]+) s\\] demo-api ready");

    private StackStartupBenchmark() {
    }

    record Start(String kind, int run, double wallSeconds, Double launcherSeconds, Double keycloakSeconds,
                 Double apiSeconds, Double mavenSeconds, Double kcBuildSeconds, double stopSeconds, String load,
                 boolean mavenSkipped) {
    }

    static void run(Context ctx) {
        String loadBefore = Machine.loadAverage();
        String startedAt = Machine.now();
        Settings s = ctx.settings;
        Path copy = s.workDir().resolve("stack-repo");
        boolean namespace = unshareWorks();
        if (!namespace && !(dev.legacybridge.stack.FreePorts.isFree(8080) && dev.legacybridge.stack.FreePorts.isFree(9000)
                && dev.legacybridge.stack.FreePorts.isFree(8081))) {
            throw new IllegalStateException("unshare -n is not available and ports 8080/9000/8081 are taken");
        }
        List<Start> starts = new ArrayList<>();
        for (int i = 1; i <= s.stackColdRuns(); i++) {
            sync(s.repoRoot(), copy, true);
            starts.add(startOnce(copy, namespace, "cold", i, s.workDir()));
        }
        if (s.stackColdRuns() == 0) {
            sync(s.repoRoot(), copy, false);
            starts.add(startOnce(copy, namespace, "first (not counted)", 0, s.workDir()));
        }
        for (int i = 1; i <= s.stackWarmRuns(); i++) {
            starts.add(startOnce(copy, namespace, "warm", i, s.workDir()));
        }

        Markdown table = new Markdown("start", ">command → ready (s)", ">launcher's own count (s)",
                ">Keycloak start (s)", ">demo-api ready at (s)", "Maven", ">kc.sh build (s)", ">stop (s)", "load (1/5/15)");
        List<Double> warm = new ArrayList<>();
        for (Start st : starts) {
            table.row(st.kind() + (st.run() > 0 ? " " + st.run() : ""), Markdown.num(st.wallSeconds(), 1),
                    opt(st.launcherSeconds()), opt(st.keycloakSeconds()), opt(st.apiSeconds()),
                    st.mavenSkipped() ? "skipped (unchanged)" : st.mavenSeconds() == null ? "?"
                            : Markdown.num(st.mavenSeconds(), 0) + " s",
                    st.kcBuildSeconds() == null ? "–" : Markdown.num(st.kcBuildSeconds(), 1),
                    Markdown.num(st.stopSeconds(), 1), st.load());
            if (st.kind().equals("warm")) {
                warm.add(st.wallSeconds());
            }
        }
        warm.sort(null);
        double median = warm.isEmpty() ? Double.NaN : warm.size() % 2 == 1 ? warm.get(warm.size() / 2)
                : (warm.get(warm.size() / 2 - 1) + warm.get(warm.size() / 2)) / 2;
        double worst = warm.isEmpty() ? Double.NaN : warm.get(warm.size() - 1);
        StringBuilder md = new StringBuilder(ctx.header(loadBefore, startedAt));
        md.append("- `./stack.sh` in a copy of the working tree (`").append(copy.getFileName())
                .append("/`, no `.git`), ").append(namespace ? "each start in a private network namespace"
                        + " (`unshare -n`, loopback only) because the stack binds the fixed ports 8080/9000/8081"
                        : "directly (ports were free)")
                .append("; \"ready\" = the launcher's `==== Legacy Bridge stack ready` banner (Keycloak"
                        + " `/health/ready` and demo-api readiness both 200); then SIGTERM, as Ctrl-C\n");
        md.append("- cold = no `target/` and no `.stack/` (Maven build, unpack, `kc.sh build`, first start with the realm"
                + " import); warm = started again with nothing changed\n\n");
        md.append(table).append('\n');
        md.append("Warm: median **").append(Markdown.num(median, 1)).append(" s**, worst ").append(Markdown.num(worst, 1))
                .append(" s over ").append(warm.size()).append(" starts; goal ≤ 60 s: ")
                .append(!warm.isEmpty() && worst <= GOAL_SECONDS ? "met" : "**missed**").append(".\n\n")
                .append("![Stack start](images/bench-stack.png)\n");
        ctx.section("stack", md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("starts", starts);
        ctx.json("stack", json);
    }

    private static String opt(Double v) {
        return v == null ? "?" : Markdown.num(v, 1);
    }

    static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies the working tree (without .git, target/ and .stack/); {@code clean} also deletes the copy's state. */
    private static void sync(Path repo, Path copy, boolean clean) {
        try {
            Files.createDirectories(copy);
            List<String> cmd = new ArrayList<>(List.of("rsync", "-a", "--exclude=.git", "--exclude=target/",
                    "--exclude=.stack/", "--exclude=node_modules/"));
            if (clean) {
                cmd.add("--delete-excluded");
                cmd.add("--delete");
            }
            cmd.add(repo.toString() + "/");
            cmd.add(copy.toString() + "/");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("rsync failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Start startOnce(Path copy, boolean namespace, String kind, int run, Path workDir) {
        List<String> command = namespace
                ? List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec ./stack.sh")
                : List.of("./stack.sh");
        Path out = workDir.resolve("stack-" + kind.replaceAll("[^a-z]", "") + "-" + run + ".out");
        String load = Machine.loadAverage();
        Log.say("stack: %s start %d (load %s)", kind, run, load);
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).start();
            Map<String, Double> seen = new LinkedHashMap<>();
            StringBuilder transcript = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        double at = (System.nanoTime() - t0) / 1e9;
                        synchronized (transcript) {
                            transcript.append(String.format(java.util.Locale.ROOT, "%7.2f  %s%n", at, line));
                            if (line.contains("stack ready in")) {
                                seen.put("ready", at);
                                transcript.notifyAll();
                            }
                            grab(line, STACK_READY, "launcher", seen);
                            grab(line, KEYCLOAK_READY, "keycloak", seen);
                            grab(line, MAVEN, "maven", seen);
                            grab(line, KC_BUILD, "kcbuild", seen);
                            grab(line, API_READY, "api", seen);
                            if (line.contains("skipping Maven")) {
                                seen.put("skipped", 1.0);
                            }
                        }
                    }
                } catch (IOException e) {
                    // process ended
                }
                synchronized (transcript) {
                    seen.putIfAbsent("eof", (System.nanoTime() - t0) / 1e9);
                    transcript.notifyAll();
                }
            }, "stack-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            synchronized (transcript) {
                while (!seen.containsKey("ready") && !seen.containsKey("eof") && System.nanoTime() < deadline) {
                    transcript.wait(1000);
                }
            }
            Double ready = seen.get("ready");
            long stopStart = System.nanoTime();
            p.destroy();   // SIGTERM to the launcher (stack.sh execs it), which stops Keycloak and demo-api
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            double stop = (System.nanoTime() - stopStart) / 1e9;
            reader.join(5000);
            Files.writeString(out, transcript.toString());
            if (ready == null) {
                throw new IllegalStateException("./stack.sh did not become ready; transcript in " + out);
            }
            Log.say("stack: %s start %d ready after %.1f s (launcher %s s)", kind, run, ready, seen.get("launcher"));
            return new Start(kind, run, ready, seen.get("launcher"), seen.get("keycloak"), seen.get("api"),
                    seen.get("maven"), seen.get("kcbuild"), stop, load, seen.containsKey("skipped"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void grab(String line, Pattern pattern, String key, Map<String, Double> seen) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
            seen.put(key, Double.valueOf(m.group(1)));
        }
    }
}
