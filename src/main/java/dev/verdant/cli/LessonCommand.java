package dev.verdant.cli;

import dev.verdant.lesson.Lesson;
import dev.verdant.lesson.LessonCatalog;
import dev.verdant.lesson.LessonOutcome;
import dev.verdant.lesson.LessonRunner;
import dev.verdant.run.JobRunner;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verdant lesson list|run ID}: the guided lessons, headless (Predict, Run, Observe, Explain). */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Guided lessons: predict an outcome, run the experiments, compare with what was measured.",
        subcommands = {LessonCommand.ListLessons.class, LessonCommand.RunLesson.class})
public final class LessonCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code lesson list}: id, title and chapter of each lesson. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons.")
    static final class ListLessons implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Lesson l : LessonCatalog.all()) {
                out.printf("%-12s %s  (%s)%n", l.id(), l.title(), l.chapter());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code lesson run ID [--quick] [--predict N]}: runs one lesson and prints the outcome. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a lesson: shows the question, asks for a prediction (or takes --predict), runs the "
                    + "lesson's specs as run groups and prints the measured answer next to the prediction.")
    static final class RunLesson implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "lesson id (see 'verdant lesson list')")
        String id;

        @Option(names = "--quick", description = "tiny data and 1-3 epochs: a first look in seconds")
        boolean quick;

        @Option(names = "--predict", paramLabel = "N",
                description = "your prediction, the choice's number (1, 2, ...); without it you are asked on stdin, "
                        + "or, when stdin is not a terminal, the lesson runs without a prediction")
        Integer predict;

        @Option(names = "--no-store", description = "do not keep the lesson's runs in the store")
        boolean noStore;

        @Option(names = "--db", paramLabel = "FILE",
                description = "store file (default: $VERDANT_DB, else the user data folder)")
        String db;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Lesson lesson = LessonCatalog.find(id).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "there is no lesson '" + id + "'; choose one of " + LessonCatalog.ids()));
            out.println("# " + lesson.title() + "\n");
            out.println(lesson.markdown().strip());
            out.println("\nPredict: " + lesson.question().prompt());
            List<String> choices = lesson.question().choices();
            for (int i = 0; i < choices.size(); i++) {
                out.printf("  %d. %s%n", i + 1, choices.get(i));
            }
            out.flush();
            Integer prediction = predict == null ? askPrediction(choices.size(), out) : predict - 1;
            if (prediction != null && (prediction < 0 || prediction >= choices.size())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--predict must be between 1 and "
                        + choices.size() + ", was " + predict);
            }
            try (RunStore store = noStore ? null : RunStore.open(StoreLocation.resolve(db));
                 JobRunner runner = new JobRunner(1, store)) {
                LessonRunner lessons = new LessonRunner(runner);
                LessonOutcome outcome;
                try (StopOnSignal signals = StopOnSignal.install(lessons::cancel, err)) {
                    outcome = lessons.run(lesson, quick, prediction, line -> {
                        err.println(line);
                        err.flush();
                    });
                }
                out.println("\nObserve and explain:");
                out.print(outcome.summary());
                if (!outcome.runs().groupIds().isEmpty()) {
                    out.println("Report: verdant report " + outcome.runs().groupIds().stream()
                            .map(g -> "g" + g).reduce((a, b) -> a + " " + b).orElse("") + " --out report.html");
                }
                out.flush();
                return 0;
            }
        }

        /** Asks on stdin when it is a terminal; otherwise runs without a prediction. */
        private static Integer askPrediction(int choices, PrintWriter out) throws java.io.IOException {
            if (System.console() == null) {
                out.println("(no prediction: stdin is not a terminal; use --predict N)");
                return null;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                out.print("Your prediction (1-" + choices + "): ");
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    return null;
                }
                try {
                    int n = Integer.parseInt(line.strip());
                    if (n >= 1 && n <= choices) {
                        return n - 1;
                    }
                } catch (NumberFormatException e) {
                    // asked again below
                }
                out.println("Please type a number from 1 to " + choices + ".");
            }
        }
    }
}
