package io.storelink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storelink.api.ConnectionCheck;
import io.storelink.core.connection.ConnectionTester;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code storelink connections test <name>}: the platform's diagnostic steps, each with a remedy when it fails. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Check that a connection works: each step with a stable code, its outcome and a remedy.")
final class ConnectionsTestCommand implements Callable<Integer> {

    private final Provider<ConnectionTester> tester;
    private final Terminal terminal;

    @Parameters(paramLabel = "<name>", description = "Connection name.")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    ConnectionsTestCommand(Provider<ConnectionTester> tester, Terminal terminal) {
        this.tester = tester;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ConnectionCheck check = tester.get().test(name);
        PrintWriter out = terminal.out();
        if (json) {
            ObjectNode document = Json.mapper().createObjectNode().put("connection", name).put("passed", check.passed());
            ArrayNode steps = document.putArray("steps");
            for (ConnectionCheck.Step step : check.steps()) {
                steps.addObject().put("code", step.code()).put("title", step.title())
                        .put("outcome", step.outcome().name().toLowerCase(Locale.ROOT))
                        .put("detail", step.detail()).put("remedy", step.remedy());
            }
            Json.print(out, document);
        } else {
            for (ConnectionCheck.Step step : check.steps()) {
                String mark = switch (step.outcome()) {
                    case PASSED -> "ok  ";
                    case FAILED -> "FAIL";
                    case SKIPPED -> "skip";
                };
                out.printf("%s %-28s %s%n", mark, step.code(), step.title());
                if (!step.detail().isEmpty()) {
                    out.printf("     %s%n", step.detail());
                }
                if (step.outcome() == ConnectionCheck.Outcome.FAILED && !step.remedy().isEmpty()) {
                    out.printf("     Remedy: %s%n", step.remedy());
                }
            }
            out.println(check.passed() ? "Connection " + name + " works." : "Connection " + name + " does not work yet.");
            out.flush();
        }
        return check.passed() ? ErrorHandler.OK : ErrorHandler.FAILURE;
    }
}
