package dev.verdant.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verdant lesson list}, {@code lesson run ID --quick --predict N} into a store, then {@code verdant report} of
 * the groups it made, as HTML and Markdown, through the real command tree; bad input gets a sentence.
 */
@Timeout(240)
class LessonAndReportCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome verdant(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = VerdantCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void listsTheLessons() {
        Outcome o = verdant("lesson", "list");
        assertEquals(0, o.code(), o.err());
        assertEquals(6, o.out().lines().count());
        assertTrue(o.out().contains("compact") && o.out().contains("Compact networks"));
    }

    @Test
    void runsALessonQuickThenReportsItsGroups() throws Exception {
        String db = dir.resolve("runs.db").toString();
        Outcome o = verdant("lesson", "run", "less-data", "--quick", "--predict", "2", "--db", db);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("You predicted: Between 70% and 95%"), o.out());
        assertTrue(o.out().contains("Measured answer: "), o.out());
        Matcher m = Pattern.compile("verdant report (.*) --out").matcher(o.out());
        assertTrue(m.find(), o.out());
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(List.of(m.group(1).split(" ")));
        assertEquals(3, m.group(1).split(" ").length, "one run group per spec");
        Path html = dir.resolve("r/report.html");
        args.addAll(List.of("--db", db, "--out", html.toString()));
        Outcome r = verdant(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Training and evaluating the models reported here used"), r.out());
        String text = Files.readString(html);
        assertTrue(text.contains("data-five-percent") && text.contains("<svg"));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(text).find());
        args.set(args.size() - 1, dir.resolve("report.md").toString());
        assertEquals(0, verdant(args.toArray(String[]::new)).code());
        assertTrue(Files.readString(dir.resolve("report.md")).startsWith("# Verdant report"));
    }

    @Test
    void badInputIsASentence() {
        Outcome o = verdant("lesson", "run", "nope", "--no-store");
        assertEquals(ExitCode.USAGE, o.code());
        assertTrue(o.err().contains("there is no lesson 'nope'"), o.err());
        o = verdant("lesson", "run", "joule", "--predict", "9", "--no-store");
        assertEquals(ExitCode.USAGE, o.code());
        assertTrue(o.err().contains("--predict must be between 1 and 3"), o.err());
        o = verdant("report", "g42", "--db", dir.resolve("empty.db").toString(), "--out",
                dir.resolve("x.html").toString());
        assertTrue(o.code() != 0);
        assertTrue(o.err().contains("there is no run group 42"), o.err());
        o = verdant("report", "1", "--db", dir.resolve("empty.db").toString(), "--out", dir.resolve("x.pdf")
                .toString());
        assertEquals(ExitCode.USAGE, o.code());
        assertTrue(o.err().contains("end the file name in .html"), o.err());
    }
}
