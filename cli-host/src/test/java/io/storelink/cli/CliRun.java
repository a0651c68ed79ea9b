package io.storelink.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the storelink command in-process with given standard input, capturing its output and exit code. */
record CliRun(int exitCode, String out, String err) {

    /** The built distribution, whose plugins/ holds the real Magento 2 plugin archive. */
    static Path distribution() {
        String dist = System.getProperty("storelink.dist");
        if (dist == null) {
            throw new IllegalStateException("storelink.dist is not set; run these tests with mvn verify");
        }
        return Path.of(dist);
    }

    static CliRun run(Path home, Path pluginsDir, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                out, new PrintWriter(err, true), null);
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--plugins-dir", pluginsDir.toString()));
        all.addAll(List.of(args));
        int code = Main.run(terminal, all.toArray(String[]::new));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
