package dev.legacybridge.cli;

import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.SchemeFamilies;
import dev.legacybridge.hash.SchemeInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code legacy-hash schemes}: every supported stored format, its prefix, and whether it is encodable or weak; then the
 * families of formats that one kind of application writes, usable in {@code --allow}.
 */
@Command(name = "schemes",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        description = "Lists every supported scheme (id, prefix, whether 'hash' can write it, whether it is weak), "
                + "then the families of schemes that --allow accepts.")
final class SchemesCommand implements Callable<Integer> {

    @ParentCommand
    private LegacyHashCommand parent;

    @Override
    public Integer call() {
        PrintStream out = parent.io().out();
        List<SchemeInfo> schemes = LegacyPasswordVerifier.schemes();
        int idWidth = "SCHEME".length();
        int prefixWidth = "PREFIX".length();
        for (SchemeInfo info : schemes) {
            idWidth = Math.max(idWidth, info.id().length());
            prefixWidth = Math.max(prefixWidth, info.prefix().length());
        }
        String format = "%-" + idWidth + "s  %-" + prefixWidth + "s  %-9s  %-4s  %s%n";
        out.printf(format, "SCHEME", "PREFIX", "ENCODABLE", "WEAK", "DESCRIPTION");
        for (SchemeInfo info : schemes) {
            out.printf(format, info.id(), info.prefix(), info.encodable() ? "yes" : "no", info.weak() ? "yes" : "no",
                    info.description());
        }
        out.println();
        out.println("Families (--allow FAMILY allows its members that are not weak):");
        int familyWidth = SchemeFamilies.FAMILIES.keySet().stream().mapToInt(String::length).max().orElse(6);
        for (Map.Entry<String, List<String>> family : SchemeFamilies.FAMILIES.entrySet()) {
            out.printf("  %-" + familyWidth + "s  %s%n", family.getKey(), String.join(", ", family.getValue()));
        }
        out.flush();
        return 0;
    }
}
