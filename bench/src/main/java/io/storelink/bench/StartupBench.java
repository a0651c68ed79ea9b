package io.storelink.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up: the wall time of {@code bin/storelink --home <dir> platforms list}, a fresh process each time, against
 * a bare JVM start ({@code java -version}) with the same JVM. Measured with an existing (throwaway) home and with a
 * fresh home each run (a first run, which also expands the plugin archive). Prototypes that change nothing in the
 * distribution: an AppCDS archive made by one training run with {@code -XX:ArchiveClassesAtExit}, and C1 only
 * ({@code -XX:TieredStopAtLevel=1}); they run {@code java -cp lib/*} directly, since AppCDS refuses the launcher's
 * {@code conf/} directory on the class path. The variants are run round robin, so a change in the machine's load
 * touches them alike. Also counts the classes start-up loads, by library.
 */
final class StartupBench {

    /** A command whose start-up is measured; {@code freshHome} gives each run its own new home directory. */
    private record Variant(String name, List<String> command, boolean freshHome) {
    }

    private static final String BARE = "java -version";
    private static final String LAUNCHER = "storelink platforms list";
    private static final String FRESH = "storelink platforms list, fresh home each run";
    private static final String DIRECT = "java -cp lib/* io.storelink.cli.Main (no launcher, no conf/)";
    private static final String CDS = "same + AppCDS archive";
    private static final String C1 = "same + -XX:TieredStopAtLevel=1";
    private static final String CDS_C1 = "same + AppCDS + -XX:TieredStopAtLevel=1";

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final Report report;

    StartupBench(BenchOptions options, Distribution distribution, Workspace workspace, Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.report = report;
    }

    void run() {
        Path home = workspace.newDirectory("startup-home");
        Path archive = workspace.newDirectory("startup-cds").resolve("storelink.jsa");
        List<String> launcher = List.of(distribution.launcher().toString(), "--home", home.toString(), "platforms",
                "list");
        time(direct(home, List.of("-XX:ArchiveClassesAtExit=" + archive)), "");
        List<Variant> variants = List.of(
                new Variant(BARE, List.of(SandboxProcess.javaBinary(), "-version"), false),
                new Variant(LAUNCHER, launcher, false),
                new Variant(FRESH, launcher, true),
                new Variant(DIRECT, direct(home, List.of()), false),
                new Variant(CDS, direct(home, List.of("-XX:SharedArchiveFile=" + archive)), false),
                new Variant(C1, direct(home, List.of("-XX:TieredStopAtLevel=1")), false),
                new Variant(CDS_C1, direct(home, List.of("-XX:SharedArchiveFile=" + archive,
                        "-XX:TieredStopAtLevel=1")), false));
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int run = 0; run < options.warmups() + options.startupRuns(); run++) {
            for (Variant variant : variants) {
                Path fresh = variant.freshHome() ? workspace.newDirectory("startup-fresh") : null;
                double millis = time(fresh == null ? variant.command() : withHome(variant.command(), fresh), "");
                if (fresh != null) {
                    Workspace.delete(fresh);
                }
                if (run >= options.warmups()) {
                    samples.computeIfAbsent(variant.name(), name -> new ArrayList<>()).add(millis);
                }
            }
        }
        Stats bare = Stats.of(samples.get(BARE));
        Stats existing = Stats.of(samples.get(LAUNCHER));
        Stats direct = Stats.of(samples.get(DIRECT));
        report.line("startup: %s %s", BARE, bare.describeMillis());
        report.line("startup: %s (existing home) %s; ratio to java -version %.1f, %.0f ms over it", LAUNCHER,
                existing.describeMillis(), existing.median() / bare.median(), existing.median() - bare.median());
        report.line("startup: %s %s", FRESH, Stats.of(samples.get(FRESH)).describeMillis());
        report.line("startup prototype: %s %s", DIRECT, direct.describeMillis());
        for (String name : List.of(CDS, C1, CDS_C1)) {
            Stats stats = Stats.of(samples.get(name));
            report.line("startup prototype: %s %s = %.0f%% less than without%s", name, stats.describeMillis(),
                    100 * (1 - stats.median() / direct.median()), name.contains("AppCDS")
                            ? String.format(Locale.ROOT, " (archive %.1f MB)", size(archive)) : "");
        }
        classesLoaded(launcher);
        Workspace.delete(home);
    }

    /** {@code java <options> -cp lib/* io.storelink.cli.Main --home <home> platforms list}. */
    private List<String> direct(Path home, List<String> javaOptions) {
        List<String> command = new ArrayList<>();
        command.add(SandboxProcess.javaBinary());
        command.addAll(javaOptions);
        command.addAll(List.of("-Dstorelink.distribution=" + distribution.root(), "-cp",
                distribution.root().resolve("lib") + File.separator + "*", "io.storelink.cli.Main", "--home",
                home.toString(), "platforms", "list"));
        return command;
    }

    private static List<String> withHome(List<String> command, Path home) {
        List<String> copy = new ArrayList<>(command);
        copy.set(copy.indexOf("--home") + 1, home.toString());
        return copy;
    }

    /**
     * Runs a command to its end, output discarded.
     *
     * @param launcherOptions the launcher's {@code STORELINK_JAVA_OPTS}
     * @return its wall time in milliseconds
     */
    private static double time(List<String> command, String launcherOptions) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("STORELINK_JAVA_OPTS", launcherOptions);
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("timed out: " + command);
            }
            double millis = ImportBench.millisSince(start);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + ": " + command);
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One run with {@code -Xlog:class+load}: how many classes start-up loads, and from which libraries. */
    private void classesLoaded(List<String> command) {
        Path log = workspace.newDirectory("startup-classes").resolve("classes.txt");
        time(command, "-Xlog:class+load=info:file=" + log);
        Map<String, Integer> byLibrary = new TreeMap<>();
        Map<String, double[]> firstAndLast = new LinkedHashMap<>();
        int total = 0;
        int fromCds = 0;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int nameStart = line.indexOf("] ", line.indexOf("class,load")) + 2;
                int nameEnd = line.indexOf(' ', nameStart);
                if (nameStart < 2 || nameEnd < 0) {
                    continue;
                }
                total++;
                fromCds += line.contains("shared objects file") ? 1 : 0;
                String library = library(line.substring(nameStart, nameEnd));
                byLibrary.merge(library, 1, Integer::sum);
                double uptime = Double.parseDouble(line.substring(1, line.indexOf("s]")));
                firstAndLast.computeIfAbsent(library, key -> new double[] {uptime, uptime})[1] = uptime;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        byLibrary.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> text.append(text.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
                        .append(entry.getValue()));
        report.line("startup: classes loaded by platforms list: %d (%d from the JDK's default CDS archive): %s", total,
                fromCds, text);
        StringBuilder timeline = new StringBuilder();
        firstAndLast.forEach((library, times) -> timeline.append(timeline.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.0f-%.0f", library, times[0] * 1000, times[1] * 1000)));
        report.line("startup: class loading timeline (ms since JVM start, first-last class per library, one run "
                + "with -Xlog:class+load): %s", timeline);
    }

    private static String library(String className) {
        String[][] prefixes = {
            {"io.storelink.", "storelink"}, {"com.google.inject.", "guice"}, {"com.google.common.", "guava"},
            {"org.pf4j.", "pf4j"}, {"com.fasterxml.jackson.", "jackson"}, {"picocli.", "picocli"},
            {"com.typesafe.config.", "typesafe-config"}, {"org.sqlite.", "sqlite-jdbc"}, {"org.slf4j.", "slf4j"},
            {"org.jline.", "jline"}, {"me.tongfei.", "progressbar"}, {"org.apache.hc.", "httpclient5"},
            {"java.", "jdk"}, {"javax.", "jdk"}, {"jdk.", "jdk"}, {"sun.", "jdk"}, {"com.sun.", "jdk"},
        };
        for (String[] prefix : prefixes) {
            if (className.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        return "other";
    }

    private static double size(Path file) {
        try {
            return Files.size(file) / (1024.0 * 1024.0);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
