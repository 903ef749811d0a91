import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds Verdant's application image and installers with jpackage, the same way on Linux, Windows and macOS.
 * Maven's {@code installer} profile runs it (as a single-file Java program, so it needs nothing but the JDK) after
 * {@code package} has written {@code target/verdant.jar} and {@code target/lib}:
 *
 * <pre>java installers/Package.java PLATFORM TYPES VERSION   e.g. linux deb,rpm 0.1.0-SNAPSHOT</pre>
 *
 * <ol>
 *   <li>stages {@code target/installer/input}: the jars, without the natives of other platforms (sqlite-jdbc, JNA,
 *       DJL's JNI jar), the empty JavaFX stub jars and libtorch's 111 MB jar, whose libraries are unpacked instead
 *       into {@code djl/pytorch/<version>-cpu-<classifier>/} together with DJL's JNI library: the exact layout of
 *       DJL's engine cache, so DJL (pointed there by {@code -DENGINE_CACHE_DIR=$APPDIR/djl}) loads them in place
 *       and the first start writes nothing and downloads nothing; plus the presets and the notices;</li>
 *   <li>runs jpackage once for the application image ({@code target/installer/image}) with
 *       {@code installers/common/app-image.opts} and {@code installers/PLATFORM/app-image.opts};</li>
 *   <li>runs jpackage once per installer type on that image with {@code common/package.opts},
 *       {@code PLATFORM/package.opts} and {@code PLATFORM/TYPE.opts} (when present) into
 *       {@code target/installer/dist};</li>
 *   <li>prints the sizes.</li>
 * </ol>
 * The working directory must be the project root (Maven's exec sets it); paths in the option files are relative
 * to it.
 */
public final class Package {

    /** What differs between the platforms besides the option files. */
    record Platform(String name, String djlClassifier, String sqliteDir, String jnaDir) {
    }

    static final Map<String, Platform> PLATFORMS = Map.of(
            "linux", new Platform("linux", "linux-x86_64", "Linux/x86_64/", "linux-x86-64/"),
            "windows", new Platform("windows", "win-x86_64", "Windows/x86_64/", "win32-x86-64/"),
            "macos", new Platform("macos", "osx-aarch64", "Mac/aarch64/", "darwin-aarch64/"));

    private static final Path TARGET = Path.of("target");
    private static final Path OUT = TARGET.resolve("installer");

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !PLATFORMS.containsKey(args[0])) {
            System.err.println("usage: java installers/Package.java linux|windows|macos TYPE[,TYPE...] VERSION"
                    + " (TYPE: app-image, deb, rpm, msi, exe, dmg, pkg; cds: only record the class-data sharing archive of the "
                    + "image built before), from the project root after mvn package");
            System.exit(64);
        }
        Platform platform = PLATFORMS.get(args[0]);
        List<String> types = List.of(args[1].split(","));
        String version = args[2].replace("-SNAPSHOT", "");
        long t0 = System.nanoTime();
        if (types.equals(List.of("cds"))) { // only (re-)record the archive of the image built before
            try (Stream<Path> s = Files.list(OUT.resolve("image"))) {
                archiveClasses(platform, s.findFirst().orElseThrow());
            }
            return;
        }

        deleteTree(OUT);
        Path input = OUT.resolve("input");
        stage(platform, input);
        long t1 = System.nanoTime();

        Path imageDir = OUT.resolve("image");
        List<String> imageArgs = new ArrayList<>(List.of("--type", "app-image", "--input", input.toString(),
                "--dest", imageDir.toString(), "--app-version", version));
        imageArgs.addAll(options(Path.of("installers/common/app-image.opts"), version));
        imageArgs.addAll(options(Path.of("installers", platform.name(), "app-image.opts"), version));
        jpackage(imageArgs);
        Path image;
        try (Stream<Path> s = Files.list(imageDir)) {
            image = s.findFirst().orElseThrow(() -> new IllegalStateException("jpackage made no image in " + imageDir));
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "installer: staged in %.0f s, app image %s in %.0f s, %s%n",
                (t1 - t0) / 1e9, image, (t2 - t1) / 1e9, mib(treeSize(image)));

        archiveClasses(platform, image);

        Path dist = OUT.resolve("dist");
        for (String type : types) {
            if (type.equals("app-image")) {
                continue;
            }
            long start = System.nanoTime();
            List<String> packageArgs = new ArrayList<>(List.of("--type", type, "--app-image", image.toString(),
                    "--dest", dist.toString(), "--app-version", version));
            packageArgs.addAll(options(Path.of("installers/common/package.opts"), version));
            packageArgs.addAll(options(Path.of("installers", platform.name(), "package.opts"), version));
            packageArgs.addAll(options(Path.of("installers", platform.name(), type + ".opts"), version));
            jpackage(packageArgs);
            System.out.printf(Locale.ROOT, "installer: %s in %.0f s%n", type, (System.nanoTime() - start) / 1e9);
        }
        if (Files.isDirectory(dist)) {
            try (Stream<Path> s = Files.list(dist)) {
                for (Path p : s.sorted().toList()) {
                    System.out.printf(Locale.ROOT, "installer: %s %s%n", p, mib(Files.size(p)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "installer: done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The class-data sharing archive's file name, beside the jars in the image's app folder. */
    static final String CDS_ARCHIVE = "verdant.jsa";

    /**
     * Records an AppCDS archive of the classes the window loads up to its first frame ({@code -XX:ArchiveClassesAtExit}
     * on top of the runtime's base archive, which jlink's {@code --generate-cds-archive} wrote) and lets the window's
     * launcher use it: the JVM then maps those classes already parsed and verified instead of loading them from the
     * jars, which is most of the window's start-up CPU time (docs/performance.md). The launcher starts once with
     * {@code -Dverdant.exitAfterFirstFrame=true}, so this needs a display: on Linux without one it starts Xvfb when
     * that is installed. When anything fails the image is left without the archive and starts as before (the archive
     * is an optimisation; {@code java -jar verdant.jar} never uses one).
     */
    static void archiveClasses(Platform platform, Path image) {
        long start = System.nanoTime();
        Path appDir = switch (platform.name()) {
            case "windows" -> image.resolve("app");
            case "macos" -> image.resolve("Contents/app");
            default -> image.resolve("lib/app");
        };
        Path launcher = switch (platform.name()) {
            case "windows" -> image.resolve("Verdant.exe");
            case "macos" -> image.resolve("Contents/MacOS/Verdant");
            default -> image.resolve("bin/Verdant");
        };
        Path cfg = appDir.resolve("Verdant.cfg");
        Path archive = appDir.resolve(CDS_ARCHIVE);
        Process xvfb = null;
        Path home = null;
        List<String> original = null;
        try {
            if (!Files.isRegularFile(cfg) || !Files.isExecutable(launcher)) {
                throw new IllegalStateException("no launcher " + launcher + " or " + cfg);
            }
            home = Files.createTempDirectory("verdant-cds");
            ProcessBuilder pb = new ProcessBuilder(launcher.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("window.log").toFile());
            Map<String, String> env = pb.environment();
            // the launcher reads its JVM options only from its .cfg file (not JDK_JAVA_OPTIONS): add the recording
            // options there for this one start. A fresh user: no remembered spec or charted runs, an empty store,
            // so the same classes a first start loads.
            original = Files.readAllLines(cfg);
            withJavaOptions(cfg, original, List.of("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(),
                    "-Dverdant.exitAfterFirstFrame=true", "-Duser.home=" + home, "-Dverdant.config.dir=" + home));
            env.put("VERDANT_DB", home.resolve("runs.db").toString());
            env.put("XDG_CONFIG_HOME", home.toString());
            if (platform.name().equals("linux") && System.getenv("DISPLAY") == null) {
                xvfb = startXvfb(home);
                env.put("DISPLAY", ":" + Files.readString(home.resolve("display")).trim());
            }
            Process app = pb.start();
            boolean done = app.waitFor(240, java.util.concurrent.TimeUnit.SECONDS);
            Files.write(cfg, original);
            if (!done) {
                app.destroyForcibly();
                throw new IllegalStateException("the window did not show its first frame within 240 s");
            }
            if (app.exitValue() != 0 || !Files.isRegularFile(archive)) {
                throw new IllegalStateException("the window exited " + app.exitValue() + ": "
                        + Files.readString(home.resolve("window.log")).strip());
            }
            // -Xshare:auto (the default): should the archive not fit (another JVM build), the window starts without
            // it; its warning is silenced, as the user can do nothing about it
            withJavaOptions(cfg, original, List.of("-XX:SharedArchiveFile=$APPDIR/" + CDS_ARCHIVE, "-Xlog:cds*=off"));
            System.out.printf(Locale.ROOT, "installer: class-data sharing archive %s (%s) in %.0f s%n", archive,
                    mib(Files.size(archive)), (System.nanoTime() - start) / 1e9);
        } catch (IOException | RuntimeException | InterruptedException e) {
            try {
                if (original != null) {
                    Files.write(cfg, original); // the launcher as jpackage made it
                }
                Files.deleteIfExists(archive);
            } catch (IOException ignored) {
                // nothing refers to it
            }
            System.out.println("installer: no class-data sharing archive, the window starts without one ("
                    + e.getMessage() + ")");
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
            }
            if (home != null) {
                try {
                    deleteTree(home);
                } catch (IOException ignored) {
                    // a temporary folder
                }
            }
        }
    }

    /** Writes the launcher's {@code cfg} as {@code lines} with {@code options} added to its [JavaOptions]. */
    static void withJavaOptions(Path cfg, List<String> lines, List<String> options) throws IOException {
        List<String> out = new ArrayList<>(lines);
        int section = out.indexOf("[JavaOptions]");
        if (section < 0) {
            out.add("[JavaOptions]");
            section = out.size() - 1;
        }
        out.addAll(section + 1, options.stream().map(o -> "java-options=" + o).toList());
        Files.write(cfg, out);
    }

    /** Starts a virtual display (Xvfb -displayfd writes its number into {@code dir/display}). */
    static Process startXvfb(Path dir) throws IOException, InterruptedException {
        Path display = dir.resolve("display");
        Process x = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>'"
                + display + "'").redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        for (int i = 0; i < 100 && (!Files.isRegularFile(display) || Files.size(display) == 0); i++) {
            if (!x.isAlive()) {
                throw new IllegalStateException("no display, and Xvfb did not start (apt-get install xvfb)");
            }
            Thread.sleep(100);
        }
        if (!Files.isRegularFile(display) || Files.size(display) == 0) {
            x.destroy();
            throw new IllegalStateException("no display, and Xvfb gave none within 10 s");
        }
        return x;
    }

    /** Fills {@code input} with what the application image carries. */
    static void stage(Platform platform, Path input) throws IOException {
        Files.createDirectories(input);
        Files.copy(TARGET.resolve("verdant.jar"), input.resolve("verdant.jar"));
        List<Path> jars;
        try (Stream<Path> s = Files.list(TARGET.resolve("lib"))) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Path nativeJar = null;
        Path jniJar = null;
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (name.matches("javafx-[a-z]+-[0-9.]+\\.jar")) {
                continue; // the empty stub beside javafx-*-<platform>.jar: it only names the platform jar
            } else if (name.startsWith("pytorch-native-")) {
                nativeJar = jar;
                // keep only the properties that tell DJL which libtorch this is (version, flavor, classifier)
                copyJar(jar, input.resolve(name), e -> e.equals("native/lib/pytorch.properties")
                        || e.startsWith("META-INF/MANIFEST"));
            } else if (name.startsWith("pytorch-jni-")) {
                jniJar = jar;
                // the JNI library of this platform is unpacked into the engine cache below; the jar keeps its
                // version file only
                copyJar(jar, input.resolve(name), e -> !e.matches("jnilib/[^/]+/.*"));
            } else if (name.startsWith("sqlite-jdbc-")) {
                copyJar(jar, input.resolve(name), e -> !e.startsWith("org/sqlite/native/")
                        || e.equals("org/sqlite/native/") || e.startsWith("org/sqlite/native/" + platform.sqliteDir()));
            } else if (name.startsWith("jna-")) {
                copyJar(jar, input.resolve(name), e -> !e.matches("com/sun/jna/[^/]+/.*jnidispatch.*")
                        || e.startsWith("com/sun/jna/" + platform.jnaDir()));
            } else {
                Files.copy(jar, input.resolve(name));
            }
        }
        if (nativeJar == null || jniJar == null) {
            throw new IllegalStateException("target/lib has no pytorch-native-* or pytorch-jni-* jar: run mvn package"
                    + " with the platform's profile first");
        }
        seedEngineCache(platform, nativeJar, jniJar, input.resolve("djl").resolve("pytorch"));

        copyTree(Path.of("assets/presets"), input.resolve("presets"));
        Path notices = Path.of("installers/common/THIRD-PARTY-NOTICES.txt");
        checkNotices(notices, input);
        Files.copy(notices, input.resolve("THIRD-PARTY-NOTICES.txt"));
        Files.copy(Path.of("src/main/resources/dev/verdant/data/builtin/NOTICE-datasets.txt"),
                input.resolve("NOTICE-datasets.txt"));
    }

    /**
     * Unpacks libtorch and DJL's JNI library where DJL's {@code LibUtils} looks before it extracts anything:
     * {@code <cache>/<version>-<flavor>-<classifier>/} holding the libraries and {@code <djl>-<jni library>}.
     */
    static void seedEngineCache(Platform platform, Path nativeJar, Path jniJar, Path cache) throws IOException {
        try (ZipFile natives = new ZipFile(nativeJar.toFile()); ZipFile jni = new ZipFile(jniJar.toFile())) {
            Properties lib = properties(natives, "native/lib/pytorch.properties");
            String classifier = lib.getProperty("classifier");
            if (!platform.djlClassifier().equals(classifier)) {
                throw new IllegalStateException(nativeJar.getFileName() + " is libtorch for " + classifier + ", not "
                        + platform.djlClassifier() + ": build with the " + platform.name() + " profile"
                        + " (mvn -P" + platform.name() + "-...) on that platform");
            }
            String flavor = lib.getProperty("flavor");
            Path dir = cache.resolve(lib.getProperty("version") + "-" + flavor + "-" + classifier);
            Files.createDirectories(dir);
            int libraries = 0;
            for (ZipEntry e : entries(natives)) {
                String n = e.getName();
                if (!e.isDirectory() && n.startsWith("pytorch/") && n.contains("/" + classifier + "/")) {
                    extract(natives, e, dir.resolve(n.substring(n.lastIndexOf('/') + 1)));
                    libraries++;
                }
            }
            String jniVersion = properties(jni, "jnilib/pytorch.properties").getProperty("jni_version");
            String djlVersion = jniVersion.substring(jniVersion.indexOf('-') + 1); // 2.7.1-0.36.0 -> 0.36.0
            String jniDir = "jnilib/" + classifier + "/" + flavor + "/";
            int jniLibraries = 0;
            for (ZipEntry e : entries(jni)) {
                String n = e.getName();
                if (!e.isDirectory() && n.startsWith(jniDir) && n.indexOf('/', jniDir.length()) < 0) {
                    extract(jni, e, dir.resolve(djlVersion + "-" + n.substring(jniDir.length())));
                    jniLibraries++;
                }
            }
            if (libraries == 0 || jniLibraries != 1) {
                throw new IllegalStateException("found " + libraries + " libtorch libraries in " + nativeJar
                        + " and " + jniLibraries + " JNI libraries under " + jniDir + " in " + jniJar
                        + "; expected some and one");
            }
            System.out.printf(Locale.ROOT, "installer: libtorch %s (%d files, %s) unpacked into %s%n",
                    lib.getProperty("version"), libraries + 1, mib(treeSize(dir)), dir);
        }
    }

    /**
     * Every bundled jar must be named in the notices ({@code artifact: group:artifactId} lines): a library added to
     * the pom without its licence stops the installer build, with the names to add.
     */
    static void checkNotices(Path notices, Path input) throws IOException {
        List<String> listed = new ArrayList<>();
        for (String line : Files.readAllLines(notices, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.startsWith("artifact: ")) {
                String coordinates = l.substring("artifact: ".length()).split("\\s+")[0];
                listed.add(coordinates.substring(coordinates.indexOf(':') + 1));
            }
        }
        List<String> missing = new ArrayList<>();
        try (Stream<Path> s = Files.list(input)) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String name = jar.getFileName().toString();
                if (!name.equals("verdant.jar") && listed.stream().noneMatch(a -> name.matches(
                        java.util.regex.Pattern.quote(a) + "-[0-9].*"))) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("these bundled jars have no licence line in " + notices + ": "
                    + String.join(", ", missing) + ". Add an 'artifact: group:artifactId  LICENCE' line for each.");
        }
    }

    /** The options of one file, as jpackage arguments; a missing file is no options. */
    static List<String> options(Path file, String version) throws IOException {
        List<String> args = new ArrayList<>();
        if (!Files.exists(file)) {
            return args;
        }
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                args.add(line);
            } else {
                args.add(line.substring(0, space));
                args.add(line.substring(space + 1).strip().replace("${version}", version));
            }
        }
        return args;
    }

    static void jpackage(List<String> args) {
        ToolProvider tool = ToolProvider.findFirst("jpackage").orElseThrow(() ->
                new IllegalStateException("this JDK has no jpackage (it comes with JDK 16 and later)"));
        System.out.println("installer: jpackage " + String.join(" ", args));
        StringWriter out = new StringWriter();
        int rc;
        try (PrintWriter w = new PrintWriter(out)) {
            rc = tool.run(w, w, args.toArray(String[]::new));
        }
        System.out.print(out);
        if (rc != 0) {
            throw new IllegalStateException("jpackage failed (exit " + rc + "), see its output above");
        }
    }

    /** Copies the entries of a jar that {@code keep} accepts into a new jar. */
    static void copyJar(Path from, Path to, Predicate<String> keep) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : entries(in)) {
                if (!keep.test(e.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    static List<ZipEntry> entries(ZipFile zip) {
        List<ZipEntry> list = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            list.add(en.nextElement());
        }
        return list;
    }

    static Properties properties(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IllegalStateException(zip.getName() + " has no " + name);
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(e)) {
            p.load(in);
        }
        return p;
    }

    static void extract(ZipFile zip, ZipEntry e, Path to) throws IOException {
        try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
        to.toFile().setExecutable(true, false); // shared libraries are mapped executable; rpm also wants +x
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static long treeSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
