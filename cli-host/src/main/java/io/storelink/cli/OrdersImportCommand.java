package io.storelink.cli;

import io.storelink.api.ConnectorException;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.ImportRun;
import io.storelink.core.order.OrderImportService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code storelink orders import <connection>}: imports the orders that are ready to ship. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import the orders that are ready to ship, as the connection's settings say.")
final class OrdersImportCommand implements Callable<Integer> {

    private final Provider<OrderImportService> imports;
    private final Terminal terminal;

    @Parameters(paramLabel = "<connection>", description = "Connection name.")
    String connection;

    @Inject
    OrdersImportCommand(Provider<OrderImportService> imports, Terminal terminal) {
        this.imports = imports;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ImportRun run;
        if (terminal.interactive()) {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" orders", 1).showSpeed().setInitialMax(-1).continuousUpdate().build()) {
                run = imports.get().importOrders(connection, new ImportListener() {
                    @Override
                    public void progress(long done, long total) {
                        bar.maxHint(total);
                        bar.stepTo(done);
                    }

                    @Override
                    public void retrying(int attempt, Duration wait, ConnectorException cause) {
                        bar.setExtraMessage(" retry " + attempt + " in " + wait.toMillis() + " ms");
                    }
                });
            }
        } else {
            run = imports.get().importOrders(connection, new ImportListener() {
                @Override
                public void retrying(int attempt, Duration wait, ConnectorException cause) {
                    terminal.err().printf("retrying (attempt %d) in %d ms: %s%n", attempt, wait.toMillis(),
                            cause.getMessage());
                }
            });
        }
        terminal.out().println(summary(run));
        terminal.out().flush();
        return ErrorHandler.OK;
    }

    static String summary(ImportRun run) {
        return String.format("Imported %d new orders from %s in %.1f s (found %d, already imported %d, "
                        + "held back by delay %d, failed %d).", run.imported(), run.connection(),
                run.duration().toMillis() / 1000.0, run.found(), run.alreadyImported(), run.heldBack(), run.failed());
    }
}
