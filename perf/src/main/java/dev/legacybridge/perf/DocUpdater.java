package dev.legacybridge.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Replaces the generated parts of {@code docs/benchmarks.md}: the text between {@code <!-- perf:NAME:begin -->} and
 * {@code <!-- perf:NAME:end -->}. Everything outside the markers (other people's sections, the prose around the
 * tables) is left exactly as it is. A section whose markers are missing is appended at the end, with its markers.
 */
final class DocUpdater {

    private DocUpdater() {
    }

    static String begin(String name) {
        return "<!-- perf:" + name + ":begin -->";
    }

    static String end(String name) {
        return "<!-- perf:" + name + ":end -->";
    }

    static String replace(String document, String name, String content) {
        String begin = begin(name);
        String end = end(name);
        String body = content.endsWith("\n") ? content : content + "\n";
        int b = document.indexOf(begin);
        int e = b < 0 ? -1 : document.indexOf(end, b);
        if (b < 0 || e < 0) {
            String sep = document.endsWith("\n") ? "\n" : "\n\n";
            return document + sep + begin + "\n" + body + end + "\n";
        }
        return document.substring(0, b + begin.length()) + "\n" + body + document.substring(e);
    }

    static void update(Path file, Map<String, String> sections) {
        try {
            String doc = Files.readString(file);
            for (Map.Entry<String, String> s : sections.entrySet()) {
                doc = replace(doc, s.getKey(), s.getValue());
            }
            Files.writeString(file, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
