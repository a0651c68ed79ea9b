package io.storelink.bench;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Catalog;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.NewOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many Magento 2 sandboxes in one JVM, for the many-connections figures: a hundred sandbox JVMs would measure the
 * machine's memory, not Storelink. Prints {@code SANDBOX <base URL>} per sandbox, then {@code READY}, and stops
 * when its stdin closes.
 *
 * <p>Arguments: how many sandboxes, orders each, the first seed (the others follow), latency in milliseconds, and
 * optionally how many orders ready to import and ship to add to each (invoiced, one simple line of two, status
 * {@code processing}) after the generated ones.
 */
public final class SandboxFleet {

    static final String READY = "READY";
    static final String SANDBOX = "SANDBOX ";

    private SandboxFleet() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        int orders = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[3]));
        int ready = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        List<MagentoSandbox> sandboxes = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            MagentoSandbox sandbox = MagentoSandbox.builder().seed(seed + index).orderCount(orders)
                    .token(SandboxProcess.TOKEN, Acl.ALL).latency(latency).build().start();
            for (int order = 0; order < ready; order++) {
                sandbox.store().addOrder(NewOrder.of(NewOrder.Line.of(Catalog.SIMPLE, 2)).asInvoiced());
            }
            sandboxes.add(sandbox);
            System.out.println(SANDBOX + sandbox.baseUrl());
        }
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes the pipe
        }
        sandboxes.forEach(MagentoSandbox::close);
    }

    /**
     * Starts a fleet in a JVM of its own (this class path) and waits until every sandbox listens.
     *
     * @param arguments {@link #main}'s arguments
     * @param log the file name in the workspace's logs its stderr goes to
     */
    static Running start(Workspace workspace, List<String> arguments, String log) {
        List<String> command = new ArrayList<>(List.of(SandboxProcess.javaBinary(), "-cp",
                System.getProperty("java.class.path"), SandboxFleet.class.getName()));
        command.addAll(arguments);
        Process process = Running.launch(workspace, command, log);
        Running fleet = new Running(process);
        try {
            BufferedReader out = Running.reader(process);
            for (String line = out.readLine(); line != null && !line.equals(READY); line = out.readLine()) {
                if (line.startsWith(SANDBOX)) {
                    fleet.urls.add(line.substring(SANDBOX.length()));
                }
            }
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException(e);
        }
        if (fleet.urls.size() != Integer.parseInt(arguments.get(0))) {
            fleet.close();
            throw new IllegalStateException("the sandbox fleet did not start; see " + workspace.logs().resolve(log));
        }
        return fleet;
    }

    /** A fleet's JVM and its sandboxes' base URLs, in order; closing it stops them. */
    static final class Running implements AutoCloseable {

        private final Process process;
        private final List<String> urls = new ArrayList<>();

        private Running(Process process) {
            this.process = process;
        }

        List<String> urls() {
            return urls;
        }

        /** @return the CPU time the fleet's JVM has used so far, in nanoseconds, or -1 if the system does not say */
        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }

        /** Starts a harness child process, its stderr appended to a log in the workspace. */
        static Process launch(Workspace workspace, List<String> command, String log) {
            try {
                Files.createDirectories(workspace.logs());
                return new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(workspace.logs().resolve(log).toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command.get(command.size() - 1), e);
            }
        }

        static BufferedReader reader(Process process) {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
