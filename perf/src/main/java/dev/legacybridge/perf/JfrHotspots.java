package dev.legacybridge.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU samples of a JFR recording go, restricted to the stacks that contain a marker method (the entry point
 * of the work we care about, e.g. {@code BulkMigration.runBatch}): the share of samples per layer (H2, Hibernate,
 * Keycloak, the provider, ...; JDK frames count for the library that called them), the hottest methods by inclusive
 * and by self samples, and the GC pause time of the recording.
 */
final class JfrHotspots {

    record Entry(String method, int samples, double percent) {
    }

    record Report(int allSamples, int markedSamples, Map<String, Double> layers, Map<String, Double> buckets,
                  List<Entry> inclusive, List<Entry> self, Duration gcPauses) {

        String markdown(int top) {
            StringBuilder sb = new StringBuilder();
            sb.append(markedSamples).append(" execution samples in the work's stacks (").append(allSamples)
                    .append(" in the JVM), GC pauses ").append(gcPauses.toMillis()).append(" ms.\n\n");
            if (!buckets.isEmpty()) {
                Markdown bucketTable = new Markdown("samples whose stack contains", ">share of samples");
                buckets.forEach((k, v) -> bucketTable.row(k, Markdown.num(v, 1) + " %"));
                sb.append(bucketTable).append('\n');
            }
            Markdown layersTable = new Markdown("layer (JDK frames counted for their caller)", ">share of samples");
            layers.forEach((k, v) -> layersTable.row(k, Markdown.num(v, 1) + " %"));
            sb.append(layersTable).append('\n');
            Markdown inc = new Markdown("hottest methods, inclusive", ">share");
            inclusive.stream().limit(top).forEach(e -> inc.row("`" + e.method() + "`", Markdown.num(e.percent(), 1) + " %"));
            sb.append(inc).append('\n');
            Markdown selfTable = new Markdown("hottest methods, self", ">share");
            self.stream().limit(top / 2).forEach(e -> selfTable.row("`" + e.method() + "`",
                    Markdown.num(e.percent(), 1) + " %"));
            sb.append(selfTable);
            return sb.toString();
        }
    }

    private JfrHotspots() {
    }

    static Report analyze(List<Path> recordings, String markerPrefix) {
        return analyze(recordings, markerPrefix, Map.of());
    }

    /**
     * @param buckets name to frame prefixes, in order: a sample counts for the first bucket with a frame (anywhere in
     *                its stack) starting with one of the prefixes; samples in no bucket count as "other"
     */
    static Report analyze(List<Path> recordings, String markerPrefix, Map<String, List<String>> buckets) {
        Map<String, Integer> bucketCounts = new LinkedHashMap<>();
        buckets.keySet().forEach(k -> bucketCounts.put(k, 0));
        int all = 0;
        int marked = 0;
        Map<String, Integer> layers = new LinkedHashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        long gcNanos = 0;
        for (Path file : recordings) {
            try (RecordingFile rf = new RecordingFile(file)) {
                while (rf.hasMoreEvents()) {
                    RecordedEvent e = rf.readEvent();
                    String type = e.getEventType().getName();
                    if (type.equals("jdk.GarbageCollection")) {
                        gcNanos += e.getDuration("sumOfPauses").toNanos();
                        continue;
                    }
                    if (!type.equals("jdk.ExecutionSample")) {
                        continue;
                    }
                    all++;
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null) {
                        continue;
                    }
                    List<RecordedFrame> frames = st.getFrames();
                    int markerAt = -1;
                    for (int i = frames.size() - 1; i >= 0; i--) {
                        if (name(frames.get(i)).startsWith(markerPrefix)) {
                            markerAt = i;
                            break;
                        }
                    }
                    if (markerAt < 0) {
                        continue;
                    }
                    marked++;
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i <= markerAt; i++) {
                        String n = name(frames.get(i));
                        if (seen.add(n)) {
                            inclusive.merge(n, 1, Integer::sum);
                        }
                    }
                    layers.merge(layer(frames), 1, Integer::sum);
                    if (!buckets.isEmpty()) {
                        bucketCounts.merge(bucket(frames, buckets), 1, Integer::sum);
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + file, ex);
            }
        }
        int total = Math.max(1, marked);
        Map<String, Double> layerShares = new LinkedHashMap<>();
        layers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(en -> layerShares.put(en.getKey(), en.getValue() * 100.0 / total));
        Map<String, Double> bucketShares = new LinkedHashMap<>();
        bucketCounts.forEach((k, v) -> bucketShares.put(k, v * 100.0 / total));
        return new Report(all, marked, layerShares, bucketShares, top(inclusive, total, true), top(self, total, false),
                Duration.ofNanos(gcNanos));
    }

    /** A JFR settings file that records every socket write with its stack trace, and nothing else. */
    static final String SOCKET_WRITES_JFC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="socket writes with stacks">
              <event name="jdk.SocketWrite">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
            </configuration>
            """;

    /**
     * Who sent what to the legacy database: every {@code jdk.SocketWrite} of the PostgreSQL driver, keyed by the
     * provider method that caused it (the outermost {@code dev.legacybridge.keycloak} frame) and the Keycloak method
     * that called the provider. Writes made by the pool's connection validation are keyed as such.
     */
    static Map<String, Integer> legacyDbCallSites(List<Path> recordings) {
        Map<String, Integer> sites = new java.util.TreeMap<>();
        for (Path file : recordings) {
            try (RecordingFile rf = new RecordingFile(file)) {
                while (rf.hasMoreEvents()) {
                    RecordedEvent e = rf.readEvent();
                    if (!e.getEventType().getName().equals("jdk.SocketWrite") || e.getStackTrace() == null) {
                        continue;
                    }
                    List<RecordedFrame> frames = e.getStackTrace().getFrames();
                    if (frames.stream().noneMatch(f -> name(f).startsWith("org.postgresql."))) {
                        continue;
                    }
                    int outer = -1;
                    for (int i = frames.size() - 1; i >= 0; i--) {
                        if (name(frames.get(i)).startsWith("dev.legacybridge.keycloak.")) {
                            outer = i;
                            break;
                        }
                    }
                    String what = frames.stream().anyMatch(f -> name(f).contains("isValid")
                            && f.getMethod().getType().getName().startsWith("org.postgresql.jdbc.PgConnection"))
                            ? "connection validation on borrow (Agroal → PgConnection.isValid)" : "statement";
                    String site = outer < 0 ? "(no provider frame)" : shortName(frames.get(outer));
                    String caller = "";
                    for (int i = outer + 1; outer >= 0 && i < frames.size(); i++) {
                        String n = name(frames.get(i));
                        if (n.startsWith("org.keycloak.") && !n.startsWith("org.keycloak.tracing.") && !boring(n)) {
                            caller = shortName(frames.get(i));
                            break;
                        }
                    }
                    sites.merge(what + " | " + site + " | " + caller, 1, Integer::sum);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + file, ex);
            }
        }
        return sites;
    }

    private static String shortName(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static String bucket(List<RecordedFrame> frames, Map<String, List<String>> buckets) {
        for (Map.Entry<String, List<String>> b : buckets.entrySet()) {
            for (RecordedFrame f : frames) {
                String n = name(f);
                for (String prefix : b.getValue()) {
                    if (n.startsWith(prefix)) {
                        return b.getKey();
                    }
                }
            }
        }
        return "other";
    }

    /** Methods sorted by samples; for inclusive counts the entry chain present in almost every sample is dropped. */
    private static List<Entry> top(Map<String, Integer> counts, int total, boolean dropChain) {
        List<Entry> entries = new ArrayList<>();
        counts.forEach((k, v) -> {
            double percent = v * 100.0 / total;
            if (!(dropChain && percent > 97) && !boring(k)) {
                entries.add(new Entry(k, v, percent));
            }
        });
        entries.sort((a, b) -> Integer.compare(b.samples(), a.samples()));
        return entries.subList(0, Math.min(60, entries.size()));
    }

    /** Stream and lambda plumbing says nothing about where time goes. */
    private static boolean boring(String method) {
        return method.startsWith("java.util.stream.") || method.startsWith("java.util.Spliterators")
                || method.startsWith("java.util.Iterator.forEachRemaining") || method.contains(".lambda$")
                || method.contains("$$Lambda") || method.startsWith("jdk.internal.reflect.")
                || method.startsWith("java.lang.reflect.") || method.startsWith("jdk.proxy")
                || method.startsWith("java.util.ArrayList$ArrayListSpliterator");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The library of the topmost frame that is not JDK code. */
    static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String c = f.getMethod().getType().getName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun.")) {
                continue;
            }
            return layerOf(c);
        }
        return "JDK only";
    }

    static String layerOf(String className) {
        if (className.startsWith("org.h2.")) {
            return "H2 (Keycloak's dev-file database)";
        }
        if (className.startsWith("org.hibernate.")) {
            return "Hibernate ORM";
        }
        if (className.startsWith("dev.legacybridge.")) {
            return "provider (dev.legacybridge)";
        }
        if (className.startsWith("org.keycloak.")) {
            return "Keycloak";
        }
        if (className.startsWith("org.postgresql.")) {
            return "PostgreSQL JDBC (legacy database)";
        }
        if (className.startsWith("io.agroal.") || className.startsWith("com.arjuna.")
                || className.startsWith("io.narayana.")) {
            return "Agroal / Narayana (pool, JTA)";
        }
        if (className.startsWith("com.fasterxml.") || className.startsWith("org.jboss.resteasy.")
                || className.startsWith("io.vertx.") || className.startsWith("io.netty.")
                || className.startsWith("io.quarkus.")) {
            return "JSON, REST, HTTP (Jackson, RESTEasy, Vert.x, Quarkus)";
        }
        if (className.startsWith("org.infinispan.") || className.startsWith("org.jgroups.")) {
            return "Infinispan";
        }
        if (className.startsWith("org.bouncycastle.")) {
            return "BouncyCastle";
        }
        return "other (" + className.replaceAll("^([a-z]+\\.[a-z0-9]+).*", "$1") + ")";
    }
}
