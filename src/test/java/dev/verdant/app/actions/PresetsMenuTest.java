package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.RecordingDialogService;
import dev.verdant.app.UiExecutor;
import dev.verdant.app.builder.BuilderViewModel;
import dev.verdant.app.builder.Presets;
import dev.verdant.spec.SpecCodec;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File -> Presets lists every shipped spec, a submenu per comparison folder, and each item loads its spec. */
class PresetsMenuTest {

    private final AppState state = new AppState();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final BuilderViewModel builder = new BuilderViewModel(UiExecutor.synchronous());

    @Test
    void everyShippedSpecIsListedWithASubmenuPerComparisonFolder() throws Exception {
        Menu menu = new PresetsMenu(Presets.catalogue(), builder, state, dialogs).menu();
        List<String> folders = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("assets/presets"))) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(folders::add);
        }
        assertTrue(folders.size() >= 4, folders.toString());
        List<String> submenus = menu.getItems().stream().filter(i -> i instanceof Menu).map(MenuItem::getText).toList();
        assertEquals(folders, submenus);
        assertTrue(menu.getItems().stream().anyMatch(i -> "quickstart".equals(i.getText()) && !(i instanceof Menu)));

        long onDisk;
        try (Stream<Path> files = Files.walk(Path.of("assets/presets"))) {
            onDisk = files.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        List<MenuItem> leaves = leaves(menu);
        assertEquals(onDisk, leaves.size(), "every spec under assets/presets is in the menu");

        Menu batchnorm = (Menu) menu.getItems().stream().filter(i -> "batchnorm-vs-none".equals(i.getText()))
                .findFirst().orElseThrow();
        assertEquals(List.of("batch", "none"), batchnorm.getItems().stream().map(MenuItem::getText).toList());
    }

    @Test
    void choosingAnyPresetLoadsAValidSpecIntoTheBuilder() {
        Menu menu = new PresetsMenu(Presets.catalogue(), builder, state, dialogs).menu();
        for (MenuItem item : leaves(menu)) {
            item.fire();
            assertTrue(builder.validProperty().get(), item.getText() + ": " + builder.problemSummaryProperty().get());
            assertEquals("Loaded preset " + item.getText(), state.statusProperty().get());
        }
        assertTrue(dialogs.shown().isEmpty(), dialogs.shown().toString());
        Menu batchnorm = (Menu) menu.getItems().stream().filter(i -> "batchnorm-vs-none".equals(i.getText()))
                .findFirst().orElseThrow();
        batchnorm.getItems().get(0).fire();
        assertEquals("batch", builder.value("model.norm").get());
    }

    @Test
    void aPresetThatIsNotASpecIsReportedAndTheFormKept() {
        Presets.Folder folder = new Presets.Folder("presets", List.of(new Presets.Preset("bad", "model: [1, 2")),
                List.of());
        Menu menu = new PresetsMenu(folder, builder, state, dialogs).menu();
        String before = builder.toYaml();
        menu.getItems().get(0).fire();
        assertEquals("Could not load preset bad", dialogs.shown("error").get(0).title());
        assertEquals(before, builder.toYaml());
    }

    @Test
    void noPresetsGiveOneDisabledItem() {
        Menu menu = new PresetsMenu(new Presets.Folder("presets", List.of(), List.of()), builder, state, dialogs)
                .menu();
        assertEquals(1, menu.getItems().size());
        assertTrue(menu.getItems().get(0).isDisable());
    }

    @Test
    void foldersAreReadFromInsideAJarToo(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("presets.jar");
        String yaml = SpecCodec.toYaml(dev.verdant.spec.ExperimentSpec.defaults().withName("inner"));
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            Files.createDirectories(fs.getPath("assets/presets/cmp-a-vs-b"));
            Files.writeString(fs.getPath("assets/presets/top.yaml"), yaml);
            Files.writeString(fs.getPath("assets/presets/cmp-a-vs-b/a.yaml"), yaml);
            Files.writeString(fs.getPath("assets/presets/cmp-a-vs-b/b.yaml"), yaml);
            Files.writeString(fs.getPath("assets/presets/cmp-a-vs-b/README.md"), "not a spec");
            Files.createDirectories(fs.getPath("assets/presets/empty"));
        }
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Presets.Folder root = Presets.read(fs.getPath("assets/presets"), "presets");
            assertEquals(List.of("top"), root.presets().stream().map(Presets.Preset::name).toList());
            assertEquals(1, root.folders().size(), "the empty folder is left out");
            assertEquals("cmp-a-vs-b", root.folders().get(0).name());
            assertEquals(List.of("a", "b"), root.folders().get(0).presets().stream().map(Presets.Preset::name)
                    .toList());
            assertEquals(3, root.size());
        }
    }

    private static List<MenuItem> leaves(Menu menu) {
        List<MenuItem> out = new ArrayList<>();
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu sub) {
                out.addAll(leaves(sub));
            } else {
                out.add(i);
            }
        }
        return out;
    }
}
