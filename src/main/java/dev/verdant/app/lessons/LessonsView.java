package dev.verdant.app.lessons;

import dev.verdant.lesson.Lesson;
import dev.verdant.lesson.LessonOutcome;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunResult;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The Lessons panel's layout: the lesson list, then Predict (idea, question, choices, Run), Observe (the measured
 * answer next to the prediction, the figures) and Explain, with the accuracy-versus-energy chart of the runs. In
 * presentation mode the list goes, fonts grow, colours turn high-contrast and one page (question, outcome, chart) is
 * shown at a time. Only layout and bindings: the work is in {@link LessonsViewModel}.
 */
public final class LessonsView extends BorderPane {

    /** Node ids the GUI tests look up. */
    public static final String RUN_ID = "lesson-run";
    public static final String OUTCOME_ID = "lesson-outcome";
    public static final String PRESENT_ID = "lesson-present";
    public static final String NEXT_ID = "lesson-next";

    private static final String PRESENTATION_STYLE = "-fx-font-size: 26px; -fx-background-color: black;"
            + " -fx-text-fill: white; -fx-base: black; -fx-control-inner-background: black;";

    private final LessonsViewModel vm;
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label question = new Label();
    private final VBox choices = new VBox(6);
    private final ToggleGroup choiceGroup = new ToggleGroup();
    private final Label outcome = new Label();
    private final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final VBox predictPage;
    private final VBox observePage;
    private final VBox chartPage;
    private final ListView<Lesson> list = new ListView<>();
    private int page;

    /** The view of {@code vm}. */
    public LessonsView(LessonsViewModel vm) {
        this.vm = vm;
        list.setItems(vm.lessons());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Lesson l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : l.title());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.lessonProperty().set(now));
        list.setPrefWidth(220);
        title.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");
        for (Label l : List.of(text, question, outcome)) {
            l.setWrapText(true);
        }
        question.setStyle("-fx-font-weight: bold;");
        outcome.setId(OUTCOME_ID);
        CheckBox quick = new CheckBox("Quick (tiny data, 1-3 epochs)");
        quick.selectedProperty().bindBidirectional(vm.quickProperty());
        Button run = new Button("Run the lesson");
        run.setId(RUN_ID);
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty().or(vm.predictionProperty().lessThan(0)));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        Label progress = new Label();
        progress.textProperty().bind(vm.progressProperty());
        progress.setWrapText(true);
        predictPage = new VBox(10, title, text, question, choices, new HBox(10, run, cancel, quick), progress);
        observePage = new VBox(10, new Label("Observe and explain"), outcome);
        chart.setTitle("Accuracy vs energy (trained model, per epoch)");
        chart.getXAxis().setLabel("cumulative energy (J)");
        chart.getYAxis().setLabel("validation accuracy");
        chart.setAnimated(false);
        chart.setMinHeight(320);
        chartPage = new VBox(10, chart);
        for (VBox p : List.of(predictPage, observePage, chartPage)) {
            p.setPadding(new Insets(12));
        }
        ToggleButton present = new ToggleButton("Presentation mode");
        present.setId(PRESENT_ID);
        present.selectedProperty().bindBidirectional(vm.presentationProperty());
        Button prev = new Button("◀ Previous");
        prev.setOnAction(e -> showPage(page - 1));
        Button next = new Button("Next ▶");
        next.setId(NEXT_ID);
        next.setOnAction(e -> showPage(page + 1));
        prev.visibleProperty().bind(vm.presentationProperty());
        next.visibleProperty().bind(vm.presentationProperty());
        HBox bar = new HBox(10, present, prev, next);
        bar.setPadding(new Insets(6, 12, 6, 12));
        setTop(bar);
        vm.lessonProperty().addListener((o, was, now) -> {
            showLesson(now);
            list.getSelectionModel().select(now);
        });
        vm.outcomeProperty().addListener((o, was, now) -> showOutcome(now));
        vm.presentationProperty().addListener((o, was, now) -> layoutFor(now));
        choiceGroup.selectedToggleProperty().addListener((o, was, now) -> vm.predictionProperty().set(
                now == null ? -1 : (Integer) now.getUserData()));
        showLesson(vm.lessonProperty().get());
        list.getSelectionModel().select(vm.lessonProperty().get());
        layoutFor(false);
    }

    private void layoutFor(boolean presentation) {
        if (presentation) {
            setLeft(null);
            setStyle(PRESENTATION_STYLE);
            for (Node n : List.of(title, text, question, outcome)) {
                n.setStyle(n == title ? "-fx-font-size: 1.6em; -fx-font-weight: bold; -fx-text-fill: #ffeb3b;"
                        : "-fx-text-fill: white;");
            }
            chart.setStyle("-fx-font-size: 22px;");
            showPage(page);
        } else {
            setStyle("");
            for (Node n : List.of(text, question, outcome)) {
                n.setStyle(n == question ? "-fx-font-weight: bold;" : "");
            }
            title.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");
            chart.setStyle("");
            setLeft(list);
            VBox all = new VBox(predictPage, observePage, chartPage);
            ScrollPane scroll = new ScrollPane(all);
            scroll.setFitToWidth(true);
            setCenter(scroll);
        }
    }

    /** Shows page {@code i} (0 question, 1 outcome, 2 chart) in presentation mode. */
    void showPage(int i) {
        page = Math.max(0, Math.min(2, i));
        VBox p = List.of(predictPage, observePage, chartPage).get(page);
        setCenter(p);
    }

    private void showLesson(Lesson l) {
        choices.getChildren().clear();
        choiceGroup.getToggles().clear();
        if (l == null) {
            return;
        }
        title.setText(l.title());
        text.setText(plain(l.markdown()) + "\n\nFrom: " + l.paper());
        question.setText("Predict: " + l.question().prompt());
        for (int i = 0; i < l.question().choices().size(); i++) {
            RadioButton b = new RadioButton(l.question().choices().get(i));
            b.setUserData(i);
            b.setToggleGroup(choiceGroup);
            b.setWrapText(true);
            choices.getChildren().add(b);
        }
        showOutcome(null);
    }

    private void showOutcome(LessonOutcome o) {
        chart.getData().clear();
        if (o == null) {
            outcome.setText("Run the lesson to see what your machine measures.");
            return;
        }
        outcome.setText(o.summary());
        boolean estimated = o.runs().all().stream()
                .anyMatch(r -> dev.verdant.result.EnergyMethod.estimated(r.finalMetrics()));
        chart.getXAxis().setLabel(dev.verdant.app.live.XAxisMode.ENERGY.label(estimated));
        for (RunResult r : o.runs().all()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(r.name());
            for (EpochRecord e : r.epochs()) {
                if (e.cumulativeEnergyJoules() != null) {
                    s.getData().add(new XYChart.Data<>(e.cumulativeEnergyJoules(), e.valAccuracy()));
                }
            }
            chart.getData().add(s);
        }
    }

    /**
     * The lesson text as the panel shows it: without Markdown's heading marks and emphasis stars, and with each
     * paragraph's source lines joined, so that the text wraps to the panel instead of breaking where the file did.
     * List items and blank lines still start new lines.
     */
    static String plain(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inParagraph = false;
        for (String raw : markdown.lines().toList()) {
            if (raw.startsWith("# ")) {
                continue;
            }
            String line = raw.replace("**", "").strip();
            boolean item = line.startsWith("- ") || line.startsWith("* ") || line.matches("\\d+\\. .*");
            line = line.startsWith("* ") ? "- " + line.substring(2).replace("*", "") : line.replace("*", "");
            if (line.isEmpty()) {
                if (out.length() > 0 && inParagraph) {
                    out.append("\n\n");
                }
                inParagraph = false;
            } else if (inParagraph && !item) {
                out.append(' ').append(line);
            } else {
                if (inParagraph) {
                    out.append('\n');
                }
                out.append(line);
                inParagraph = true;
            }
        }
        return out.toString().strip();
    }
}
