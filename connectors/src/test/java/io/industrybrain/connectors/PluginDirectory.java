package io.industrybrain.connectors;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Lays the connector out as a Connect plugin directory, as {@code mvn package} does in
 * {@code target/plugin/industry-brain-mqtt}, for tests that run before packaging: this module's
 * classes and the runtime dependencies Maven listed in {@code target/plugin-classpath.txt} (the same
 * scope the packaged directory copies), class directories of sibling modules jarred up.
 */
final class PluginDirectory {

    private static final Path TARGET = Path.of("target");

    private PluginDirectory() { }

    /** @return the plugin.path entry: a directory holding the one plugin directory */
    static Path build(Path root) throws IOException {
        Path plugin = Files.createDirectories(root.resolve("industry-brain-mqtt"));
        List<Path> entries = new ArrayList<>();
        entries.add(TARGET.resolve("classes"));
        for (String entry : Files.readString(TARGET.resolve("plugin-classpath.txt")).strip().split(File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                // .../serde/target/classes becomes serde-classes.jar
                jar(entry, plugin.resolve(entry.toAbsolutePath().getParent().getParent().getFileName() + "-classes.jar"));
            } else {
                Files.copy(entry, plugin.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return root;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }
}
