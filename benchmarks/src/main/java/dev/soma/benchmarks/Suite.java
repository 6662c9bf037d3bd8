package dev.soma.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmark suite's entry point: runs a profile, then writes the JMH results, the tables (vector against
 * scalar in every row, with the ratios) and the throughput chart.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar quick</pre>
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Runs Soma's JMH suite (vector and scalar kernels side by side) and writes results.md, "
                + "results-<run>.json and throughput.png.")
public final class Suite implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "quick",
            description = "quick (under 5 minutes on 2 cores) or full. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--out", defaultValue = "benchmarks/target/results",
            description = "The directory for the results. Default: ${DEFAULT-VALUE}.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Suite()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Profile chosen = switch (profile.toLowerCase(java.util.Locale.ROOT)) {
            case "quick" -> Profile.QUICK;
            case "full" -> Profile.FULL;
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "the profile must be quick or full, not '" + profile + "'");
        };
        Files.createDirectories(out);
        long start = System.nanoTime();
        List<RunResult> results = new ArrayList<>();
        int run = 0;
        for (Consumer<ChainedOptionsBuilder> configuration : chosen.runs()) {
            run++;
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .shouldFailOnError(true)
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolve("results-" + run + ".json").toString());
            configuration.accept(options);
            Collection<RunResult> runResults = new Runner(options.build()).run();
            results.addAll(runResults);
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        Report report = new Report(results, chosen, minutes);
        String markdown = report.markdown();
        dev.soma.engine.io.AtomicFiles.write(out.resolve("results.md"),
                temporary -> Files.writeString(temporary, markdown));
        ThroughputChart.write(results, out.resolve("throughput.png"));
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + out.toAbsolutePath());
        return 0;
    }
}
