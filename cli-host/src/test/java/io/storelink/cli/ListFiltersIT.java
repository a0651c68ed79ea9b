package io.storelink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A list filter with a closed set of values refuses any other value instead of listing nothing. */
final class ListFiltersIT {

    @TempDir
    Path home;

    private final Path plugins = CliRun.distribution().resolve("plugins");

    private CliRun run(String... args) {
        return CliRun.run(home, plugins, "", args);
    }

    @Test
    void anUnknownShipmentStateIsAUsageErrorThatNamesTheOptionTheValueAndTheStates() {
        CliRun bogus = run("shipments", "list", "--state", "bogus");

        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err()).isEqualTo("error: --state: 'bogus' is not a shipment state; expected one of: "
                + "pending, sending, sent, failed\n");
        assertThat(bogus.out()).isEmpty();

        CliRun json = run("shipments", "list", "--state", "Failed", "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).startsWith("error: --state: 'Failed' is not a shipment state;");
        assertThat(json.out()).isEmpty();

        for (String state : new String[] {"pending", "sending", "sent", "failed"}) {
            CliRun list = run("shipments", "list", "--state", state);
            assertThat(list.exitCode()).as(state + ": " + list.err()).isZero();
            assertThat(list.out()).isEqualTo("No shipments.\n");
        }
    }
}
