package com.spendportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The docs stay true to the code (docs/architecture.md, "Keeping the docs true"): every {@code portal.*} setting the
 * code reads has its row in the configuration table of docs/operations.md and the table lists no other, and every
 * relative link of the README and docs/ reaches a file and, with {@code #heading}, a heading. Plain JUnit: it reads
 * the sources, the compiled classes and the Markdown files, and starts nothing.
 */
class DocsTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path SOURCES = ROOT.resolve("src/main/java");
    static final Path RESOURCES = ROOT.resolve("src/main/resources");
    static final Path OPERATIONS = ROOT.resolve("docs/operations.md");
    static final String PREFIX = "portal.";

    /** A setting's name: {@code portal.} and kebab-case words joined by dots. */
    static final String KEY = "portal\\.[a-z0-9][a-z0-9.-]*[a-z0-9]";
    /** {@code ${portal.x}} or {@code ${portal.x:default}} in an annotation or in application.properties. */
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{(" + KEY + ")[:}]");
    /** A config lookup by name: {@code getValue("portal.x", ...)}, {@code getOptionalValue(SOME_KEY, ...)}. */
    static final Pattern LOOKUP = Pattern.compile(
            "\\bget(?:Optional)?(?:Config)?Values?\\(\\s*(?:\"(" + KEY + ")\"|(?:[A-Z]\\w*\\.)?([A-Z][A-Z0-9_]*)\\s*[,)])");
    static final Pattern CONSTANT = Pattern.compile("\\b([A-Z][A-Z0-9_]*)\\s*=\\s*\"(" + KEY + ")\"");
    /** A Qute template's {@code {config:portal.x}} or {@code {config:['portal.x']}}. */
    static final Pattern TEMPLATE = Pattern.compile("config:\\[?['\"]?(" + KEY + ")");
    static final Pattern PROPERTY = Pattern.compile("^(?:%[\\w-]+\\.)?(" + KEY + ")\\s*[=:]", Pattern.MULTILINE);

    @Test
    void everySettingTheCodeReadsIsInTheConfigurationTable() {
        Set<String> missing = new TreeSet<>(settingsTheCodeReads());
        missing.removeAll(documentedSettings());
        assertEquals(Set.of(), missing, "settings the code reads but docs/operations.md's configuration table does not"
                + " list: add a row | `key` | default | meaning | for each");
    }

    @Test
    void theConfigurationTableListsOnlySettingsTheCodeReads() {
        Set<String> stale = new TreeSet<>(documentedSettings());
        stale.removeAll(settingsTheCodeReads());
        assertEquals(Set.of(), stale, "docs/operations.md's configuration table lists settings no code reads");
    }

    /** The scan finds each way this codebase reads a setting, so a change in how it reads one cannot empty it. */
    @Test
    void theScanFindsSettingsOfEveryKind() {
        Set<String> settings = settingsTheCodeReads();
        for (String key : List.of(
                "portal.data-dir",                  // a @ConfigMapping method
                "portal.sso.display-name",          // a method of a nested group
                "portal.admin.password",            // an Optional one
                "portal.pdf.max-concurrent",        // ConfigProvider...getValue("...")
                "portal.reconcile.tolerance-usd",   // getOptionalValue(A_CONSTANT, ...)
                "portal.alerts.checks-enabled")) {  // set only in application.properties' %test profile
            assertTrue(settings.contains(key), key + " not found by the scan: " + settings);
        }
        assertTrue(fromMappings().contains("portal.wallet.poll-tick"), "kebab-case names of mapping methods");
        assertTrue(fromSources().contains("portal.wallet.poll-tick"), "${portal.wallet.poll-tick:30s} of @Scheduled");
    }

    @Test
    void everyRelativeLinkResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (String target : links(read(file))) {
                problem(file, target).ifPresent(problem -> broken.add(ROOT.relativize(file) + ": (" + target + ") " + problem));
            }
        }
        assertEquals(List.of(), broken, "relative links in README.md and docs/ that lead nowhere");
    }

    @Test
    void anchorsAreGitHubsHeadingIds() {
        assertEquals(List.of("users-tokens-and-backups", "e-mail", "from-h2-to-postgresql", "the-json-api",
                        "routes", "routes-1", "portalpdf-and-_private_", "planning-the-next-contract"),
                anchors("""
                        # Users, tokens and backups
                        ## E-mail
                        ## From H2 to PostgreSQL
                        ```
                        # not a heading
                        ```
                        # The [JSON API](api.md)
                        ### Routes
                        ### Routes ###
                        ## `portal.pdf` and _private_
                        ## Planning the next contract
                        """));
        assertEquals(List.of("a.md", "b.md#x", "c.png", "d.md", "https://example.com"),
                links("[a](a.md) `[not](a link.md)` ![c](c.png \"title\") [b](b.md#x) <https://x>"
                        + " [e](https://example.com)\n```\n[in](code.md)\n```\n[d]: d.md\n").stream().sorted().toList());
    }

    // ---- settings

    static Set<String> settingsTheCodeReads() {
        Set<String> keys = new TreeSet<>();
        keys.addAll(fromMappings());
        keys.addAll(fromConfigProperties());
        keys.addAll(fromSources());
        keys.addAll(fromProperties());
        keys.removeIf(key -> !key.startsWith(PREFIX));
        return keys;
    }

    /** Every leaf of every {@code @ConfigMapping}, named as SmallRye names it (its naming strategy, kebab-case). */
    static Set<String> fromMappings() {
        Set<String> keys = new TreeSet<>();
        for (Class<?> type : portalClasses()) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null) {
                leaves(mapping.prefix(), type, mapping.namingStrategy(), keys);
            }
        }
        return keys;
    }

    private static void leaves(String prefix, Class<?> group, ConfigMapping.NamingStrategy naming, Set<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (withName != null ? withName.value() : naming.apply(method.getName()));
            Optional<Class<?>> nested = nestedGroup(method.getGenericReturnType());
            if (nested.isPresent()) {
                leaves(name, nested.get(), naming, keys);
            } else {
                keys.add(name);
            }
        }
    }

    /** A group is an interface of the portal's own, also as {@code Optional<Group>}. */
    private static Optional<Class<?>> nestedGroup(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            type = parameterized.getActualTypeArguments()[0];
        }
        return type instanceof Class<?> c && c.isInterface() && c.getName().startsWith(LayoutTest.BASE + ".")
                ? Optional.of(c) : Optional.empty();
    }

    /** {@code @ConfigProperty(name = ...)} on fields and parameters; the compiler has already put constants in. */
    static Set<String> fromConfigProperties() {
        Set<String> keys = new TreeSet<>();
        for (Class<?> type : portalClasses()) {
            for (Field field : type.getDeclaredFields()) {
                Optional.ofNullable(field.getAnnotation(ConfigProperty.class)).ifPresent(p -> keys.add(p.name()));
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
            executables.addAll(List.of(type.getDeclaredMethods()));
            for (Executable executable : executables) {
                Optional.ofNullable(executable.getAnnotation(ConfigProperty.class)).ifPresent(p -> keys.add(p.name()));
                for (Annotation[] annotations : executable.getParameterAnnotations()) {
                    for (Annotation annotation : annotations) {
                        if (annotation instanceof ConfigProperty property) {
                            keys.add(property.name());
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static List<Class<?>> portal;

    /** The portal's compiled classes (not the tests'), loaded without running their static initializers. */
    static synchronized List<Class<?>> portalClasses() {
        if (portal == null) {
            Path classes;
            try {
                classes = Path.of(PortalMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            List<Class<?>> loaded = new ArrayList<>();
            for (Path file : files(classes, ".class")) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                try {
                    loaded.add(Class.forName(name, false, DocsTest.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            assertTrue(loaded.size() > 50, "found only " + loaded.size() + " classes under " + classes);
            portal = loaded;
        }
        return portal;
    }

    /** Lookups by name and {@code ${...}} expressions in the Java sources, and {@code config:} in the templates. */
    static Set<String> fromSources() {
        Map<String, Set<String>> constants = new HashMap<>();
        List<String> sources = files(SOURCES, ".java").stream().map(DocsTest::read).toList();
        for (String source : sources) {
            Matcher constant = CONSTANT.matcher(source);
            while (constant.find()) {
                constants.computeIfAbsent(constant.group(1), k -> new HashSet<>()).add(constant.group(2));
            }
        }
        Set<String> keys = new TreeSet<>();
        for (String source : sources) {
            keys.addAll(all(EXPRESSION, source));
            Matcher lookup = LOOKUP.matcher(source);
            while (lookup.find()) {
                if (lookup.group(1) != null) {
                    keys.add(lookup.group(1));
                } else {
                    keys.addAll(constants.getOrDefault(lookup.group(2), Set.of()));
                }
            }
        }
        for (Path template : files(RESOURCES.resolve("templates"), "")) {
            keys.addAll(all(TEMPLATE, read(template)));
        }
        return keys;
    }

    /** Keys set in application.properties (in any profile) and the settings its values refer to. */
    static Set<String> fromProperties() {
        String properties = read(RESOURCES.resolve("application.properties"));
        Set<String> keys = new TreeSet<>(all(PROPERTY, properties));
        keys.addAll(all(EXPRESSION, properties));
        return keys;
    }

    /** The {@code portal.*} keys in the first cell of the rows of the "Configuration" section's table. */
    static Set<String> documentedSettings() {
        Set<String> keys = new TreeSet<>();
        boolean inSection = false;
        for (String line : read(OPERATIONS).split("\n")) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Configuration");
            } else if (inSection && line.startsWith("|")) {
                String[] cells = line.split("\\|");
                if (cells.length > 1) {
                    keys.addAll(all(Pattern.compile("`(" + KEY + ")`"), cells[1]));
                }
            }
        }
        assertTrue(keys.size() > 10, "docs/operations.md has no configuration table under \"## Configuration\"");
        return keys;
    }

    // ---- links

    static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
    static final Pattern CODE_SPAN = Pattern.compile("(`+)(?s:.+?)\\1");
    static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    static final Pattern HTML_ID = Pattern.compile("<a\\s[^>]*(?:id|name)=\"([^\"]+)\"");

    static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>(files(ROOT.resolve("docs"), ".md"));
        files.add(ROOT.resolve("README.md"));
        return files;
    }

    /** Link targets outside code: inline links and images, and reference definitions. */
    static List<String> links(String markdown) {
        String text = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>(all(INLINE_LINK, text));
        targets.addAll(all(REFERENCE, text));
        return targets;
    }

    private static Optional<String> problem(Path from, String target) {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*") || target.startsWith("//")) {
            return Optional.empty(); // https:, mailto: ... are not this repository's to check
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!file.startsWith(ROOT)) {
            return Optional.of("leads out of the repository");
        }
        if (!Files.exists(file)) {
            return Optional.of("no such file");
        }
        if (anchor != null && file.toString().endsWith(".md") && !anchors(read(file)).contains(anchor)) {
            return Optional.of("no heading #" + anchor + " in " + ROOT.relativize(file));
        }
        return Optional.empty();
    }

    /** The ids GitHub gives headings (and explicit {@code <a id>} anchors), with -1, -2 ... for repeats. */
    static List<String> anchors(String markdown) {
        String text = FENCE.matcher(markdown).replaceAll("");
        List<String> ids = new ArrayList<>(all(HTML_ID, text));
        Map<String, Integer> seen = new HashMap<>();
        for (String heading : all(HEADING, text)) {
            String slug = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT)
                    .replaceAll("<[^>]+>", "").replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeats = seen.merge(slug, 1, Integer::sum) - 1;
            ids.add(repeats == 0 ? slug : slug + "-" + repeats);
        }
        return ids;
    }

    // ---- files

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
