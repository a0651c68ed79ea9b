package io.storelink.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints one line per figure as it is measured, and the targets' verdicts at the end. */
final class Report {

    /** A target the harness checks: PASS, FAIL or SKIPPED, with what was measured. */
    record Verdict(String target, String result, String detail) {
    }

    private final PrintStream out;
    private final List<Verdict> verdicts = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void line(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }

    /** Starts a figure's section, with the machine's load average: other work on the machine skews figures. */
    void section(String figure) {
        line("== %s (load average %s) ==", figure, loadAverage());
    }

    /** @return the 1, 5 and 15 minute load averages, from /proc/loadavg */
    static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    void check(String target, boolean passed, String detail) {
        verdict(new Verdict(target, passed ? "PASS" : "FAIL", detail));
    }

    void skip(String target, String reason) {
        verdict(new Verdict(target, "SKIPPED", reason));
    }

    private void verdict(Verdict verdict) {
        verdicts.add(verdict);
        line("%s %s: %s", verdict.result(), verdict.target(), verdict.detail());
    }

    void summary() {
        line("== targets (load average %s) ==", loadAverage());
        for (Verdict verdict : verdicts) {
            line("%-7s %s (%s)", verdict.result(), verdict.target(), verdict.detail());
        }
    }
}
