package io.industrybrain.connectors;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka Connect worker in distributed mode inside the test JVM, started the way
 * {@code connect-distributed.sh} starts one ({@code ConnectDistributed.startConnect}) from the
 * module's {@code config/worker.properties} with the given settings on top.
 *
 * <p>Like a stock worker, it must not see the connector on its own class path: Connect prefers a
 * class-path copy of a plugin to the plugin directory's. So Connect runs in a class loader of the
 * test class path without the project's own classes, and is driven by reflection.
 */
final class ConnectWorker implements AutoCloseable {

    private static final String JETTY_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty";

    private static ClassLoader workerLoader;

    private final Object connect;

    private ConnectWorker(Object connect) {
        this.connect = connect;
    }

    static ConnectWorker start(Map<String, String> overrides) throws IOException {
        Map<String, String> props = new HashMap<>();
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config", "worker.properties"))) {
            shipped.load(reader);
        }
        shipped.stringPropertyNames().forEach(name -> props.put(name, shipped.getProperty(name)));
        props.putAll(overrides);

        // Jetty, under Connect's REST API, logs every start and stop at INFO.
        if (System.getProperty(JETTY_LOG_LEVEL) == null) {
            System.setProperty(JETTY_LOG_LEVEL, "warn");
        }
        ClassLoader loader = workerLoader();
        ClassLoader testLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> exit = load(loader, "org.apache.kafka.common.utils.Exit");
        try {
            // Connect exits the JVM when it cannot start; in a test that must be a failure instead.
            Class<?> procedure = load(loader, "org.apache.kafka.common.utils.Exit$Procedure");
            exit.getMethod("setExitProcedure", procedure).invoke(null, Proxy.newProxyInstance(loader, new Class<?>[] {procedure},
                    (proxy, method, args) -> {
                        throw new IllegalStateException("Connect worker wanted to exit with status " + args[0] + ": " + args[1]);
                    }));
            Object cli = load(loader, "org.apache.kafka.connect.cli.ConnectDistributed")
                    .getConstructor(String[].class).newInstance((Object) new String[0]);
            return new ConnectWorker(cli.getClass().getMethod("startConnect", Map.class).invoke(cli, props));
        } catch (ReflectiveOperationException e) {
            throw failure("start", e);
        } finally {
            invoke(null, exit, "resetExitProcedure");
            // Connect swaps in its plugin-aware loader for the calling thread; give the test its own back.
            Thread.currentThread().setContextClassLoader(testLoader);
        }
    }

    /** The REST API's base address, e.g. {@code http://localhost:41234/}. */
    URI restUrl() {
        return (URI) invoke(invoke(connect, connect.getClass(), "rest"), null, "advertisedUrl");
    }

    /** Where the worker loads a plugin class from: a plugin directory, or "classpath". */
    String pluginLocation(String pluginClass) {
        Object plugins = invoke(invoke(connect, connect.getClass(), "herder"), null, "plugins");
        try {
            Class<?> versionRange = load(connect.getClass().getClassLoader(), "org.apache.maven.artifact.versioning.VersionRange");
            ClassLoader loader = (ClassLoader) plugins.getClass().getMethod("connectorLoader", String.class, versionRange)
                    .invoke(plugins, pluginClass, null);
            return loader.getClass().getSimpleName().equals("PluginClassLoader")
                    ? (String) loader.getClass().getMethod("location").invoke(loader)
                    : "classpath";
        } catch (ReflectiveOperationException e) {
            throw failure("look up the loader of " + pluginClass, e);
        }
    }

    /** Stops the worker the way SIGTERM does: tasks stop, outstanding records are flushed, the member leaves the group. */
    @Override
    public void close() {
        invoke(connect, connect.getClass(), "stop");
    }

    /** One loader for every worker of the test run: the test class path minus the project's own modules. */
    private static synchronized ClassLoader workerLoader() {
        if (workerLoader == null) {
            // Tests run in the module's directory; what the project's modules build (classes, jars) is in <module>/target.
            Path project = Path.of("").toAbsolutePath().getParent();
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry).toAbsolutePath();
                Path inProject = path.startsWith(project) ? project.relativize(path) : null;
                boolean projectBuilt = inProject != null && inProject.getNameCount() > 2
                        && inProject.getName(1).toString().equals("target");
                if (!projectBuilt) {
                    try {
                        urls.add(path.toUri().toURL());
                    } catch (MalformedURLException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            workerLoader = new URLClassLoader("connect-worker", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }
        return workerLoader;
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the test class path", e);
        }
    }

    /** Calls a public no-argument method declared by {@code type} (the target's own class when null; a static one when the target is null). */
    private static Object invoke(Object target, Class<?> type, String method) {
        try {
            return (type != null ? type : target.getClass()).getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw failure(method, e);
        }
    }

    private static RuntimeException failure(String what, ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException("Connect worker: " + what, cause);
    }
}
