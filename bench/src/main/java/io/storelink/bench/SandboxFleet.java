package io.storelink.bench;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many Magento 2 sandboxes in one JVM, for the many-connections figure: a hundred sandbox JVMs would measure the
 * machine's memory, not Storelink. Prints {@code SANDBOX <base URL>} per sandbox, then {@code READY}, and stops
 * when its stdin closes.
 *
 * <p>Arguments: how many sandboxes, orders each, the first seed (the others follow), latency in milliseconds.
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
        List<MagentoSandbox> sandboxes = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            MagentoSandbox sandbox = MagentoSandbox.builder().seed(seed + index).orderCount(orders)
                    .token(SandboxProcess.TOKEN, Acl.ALL).latency(latency).build().start();
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
}
