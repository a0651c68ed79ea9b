package io.storelink.bench;

import io.storelink.cli.Soak;

import java.nio.file.Path;

/**
 * The long soak (issue 13) as a figure: cli-host's {@code SoakIT} driver ({@link Soak}, from that module's test jar)
 * with 50 connections by default against the built distribution's {@code storelink serve}, killed with SIGKILL
 * halfway and started again. Reports how long it took and whether every order was imported once and every
 * notification sent once.
 */
final class SoakBench {

    private final BenchOptions options;
    private final Distribution distribution;
    private final Workspace workspace;
    private final Report report;

    SoakBench(BenchOptions options, Distribution distribution, Workspace workspace, Report report) {
        this.options = options;
        this.distribution = distribution;
        this.workspace = workspace;
        this.report = report;
    }

    void run() {
        BenchOptions.Many many = options.many();
        Path home = workspace.newDirectory("soak");
        Soak.Options soak = new Soak.Options(many.soakConnections(), many.soakOrders(), many.soakRounds(), 3,
                many.latencyMillis(), many.soakRounds() / 2, options.seed());
        try {
            Soak.Result result = Soak.run(distribution.root(), home, soak, System.out);
            report.line("soak: %d connections, %d orders each at first + 3 per round, %d rounds, latency %d ms, "
                            + "SIGKILL in round %d (%d runs left running, %d notifications posted again): %d s; "
                            + "%d import runs; orders ready %d, imported rows %d, duplicates %d, missing %d; "
                            + "notifications %d, outbox rows %d, sent %d, shipments on the stores %d",
                    soak.connections(), soak.initialOrders(), soak.rounds(), soak.latencyMillis(),
                    soak.killAfterRound(), result.killedRunsLeftRunning(), result.reposted(),
                    result.elapsed().toSeconds(), result.importRuns(), result.expectedOrders(),
                    result.importedRows(), result.duplicateRows(), result.missingOrders(),
                    result.notificationsPosted(), result.outboxRows(), result.outboxSent(),
                    result.storeShipments());
            report.check("soak: every order imported once, every notification sent once", result.exactlyOnce(),
                    result.exactlyOnce() ? result.elapsed().toSeconds() + " s" : result.toString());
        } catch (Exception e) {
            report.check("soak: every order imported once, every notification sent once", false, e.toString());
        } finally {
            Workspace.delete(home);
        }
    }
}
