package sep.project;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.data.DataLocation;
import sep.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The project's shape: dependency pins agree, every script has an alias, the launcher runs a script. */
class ProjectShapeTest {
    static final Path ROOT = DataLocation.projectRoot();

    @Test
    void jbangAndMavenPinTheSameDependencies() throws IOException {
        Set<String> jbang = new TreeSet<>();
        Matcher deps = Pattern.compile("^//DEPS (\\S+)", Pattern.MULTILINE).matcher(Files.readString(ROOT.resolve("shared/sep/Deps.java")));
        while (deps.find()) jbang.add(deps.group(1));
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Map<String, String> properties = Map.of("${djl.version}", "0.36.0", "${tribuo.version}", "4.3.2");
        Set<String> maven = new TreeSet<>();
        Matcher m = Pattern.compile("<dependency><groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId><version>([^<]+)</version>"
                + "(?:<classifier>([^<]+)</classifier>)?</dependency>").matcher(pom);
        while (m.find()) {
            String version = m.group(3);
            for (var p : properties.entrySet()) version = version.replace(p.getKey(), p.getValue());
            maven.add(m.group(1) + ":" + m.group(2) + ":" + version + (m.group(4) == null ? "" : ":" + m.group(4)));
        }
        assertTrue(pom.contains("<djl.version>0.36.0</djl.version>") && pom.contains("<tribuo.version>4.3.2</tribuo.version>"));
        assertEquals(jbang, maven, "shared/sep/Deps.java and pom.xml must list the same dependencies");
    }

    @Test
    void everyScriptHasACatalogAliasAndEveryAliasAScript() throws IOException {
        JsonNode aliases = Json.read(ROOT.resolve("jbang-catalog.json")).get("aliases");
        Set<String> referenced = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = aliases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> alias = it.next();
            assertTrue(alias.getKey().startsWith("sep-"), alias.getKey());
            String ref = alias.getValue().get("script-ref").asText();
            assertTrue(Files.isRegularFile(ROOT.resolve(ref)), alias.getKey() + " -> " + ref);
            assertFalse(alias.getValue().path("description").asText().isBlank(), alias.getKey() + " needs a description");
            referenced.add(ref);
        }
        try (Stream<Path> scripts = Files.list(ROOT.resolve("scripts"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".java")).toList()) {
                String ref = "scripts/" + script.getFileName();
                assertTrue(referenced.contains(ref), ref + " has no alias in jbang-catalog.json");
                String source = Files.readString(script);
                assertTrue(source.contains("//SOURCES ../shared/sep/**.java"), ref + " must pull in the shared code");
                assertTrue(source.contains("mixinStandardHelpOptions = true"), ref + " must have --help");
                assertTrue(source.lines().count() < 150, ref + " is a thin command; its logic belongs in shared/");
            }
        }
    }

    @Test
    void theProjectLauncherRunsAScriptByItsAlias() throws Exception {
        Path launcher = ROOT.resolve("jbang");
        assertTrue(Files.isExecutable(launcher), "run 'make setup' first: it installs ./jbang");
        Process p = new ProcessBuilder(launcher.toString(), "sep-prep", "--help").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        String flat = out.replaceAll("\\s+", " ");
        assertTrue(flat.contains("--trim-db") && flat.contains("(default: 60.0)"), out);
    }

    @Test
    void makeSetupResolvesWhatTheTestsAndScriptsNeedOffline() throws IOException {
        String recipe = recipe(Files.readString(ROOT.resolve("Makefile")), "$(STAMPS)/deps");
        assertTrue(recipe.contains("dependency:go-offline"), recipe);
        // Surefire resolves its JUnit provider only when it runs a test; a filter that matches none resolves nothing.
        Matcher test = Pattern.compile("\\btest -Dtest='?([A-Za-z]+)#([A-Za-z]+)").matcher(recipe);
        assertTrue(test.find(), "setup runs one named test: " + recipe);
        assertFalse(recipe.contains("failIfNoSpecifiedTests"), recipe);
        assertTrue(Files.readString(ROOT.resolve("tests/sep/project/" + test.group(1) + ".java")).contains("void " + test.group(2) + "()"),
                "the test setup runs exists: " + test.group(0));
        // JBang resolves the //DEPS itself, with artifacts Maven does not take (junit 4.12 of a transitive pom).
        assertTrue(recipe.contains("$(JBANG) info classpath scripts/"), recipe);
    }

    @Test
    void makeHelpSaysWhatMakeRunDoes() throws IOException {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        Matcher prerequisites = Pattern.compile("(?m)^run: (.*)$").matcher(makefile);
        assertTrue(prerequisites.find());
        Set<String> steps = Set.of(prerequisites.group(1).trim().split("\\s+"));
        Matcher help = Pattern.compile("(?m)^\\s*@echo \"make run +(.*)\"$").matcher(makefile);
        assertTrue(help.find(), "make help describes make run");
        String line = help.group(1);
        for (String step : steps) assertTrue(line.contains(step), "make help's run line names " + step + ": " + line);
        for (String other : List.of("bench", "model", "judge", "baselines", "reproduce")) {
            if (!steps.contains(other)) assertFalse(line.contains(other), "make run does not run " + other + ": " + line);
        }
    }

    @Test
    void theCatalogHoldsOnlyTheProjectsAliases() throws IOException {
        JsonNode catalog = Json.read(ROOT.resolve("jbang-catalog.json"));
        Set<String> keys = new TreeSet<>();
        catalog.fieldNames().forEachRemaining(keys::add);
        assertTrue(Set.of("catalogs", "aliases").containsAll(keys), "unexpected entries: " + keys);
        assertTrue(catalog.path("catalogs").isEmpty(), "the project's catalog refers to no catalog (a self-reference "
                + "comes from `jbang catalog add` run without --global inside the repository): " + catalog.path("catalogs"));
    }

    @Test
    void theReadmesCatalogCommandLeavesTheProjectsCatalogAlone(@TempDir Path jbangHome) throws Exception {
        Path launcher = ROOT.resolve("jbang");
        assertTrue(Files.isExecutable(launcher), "run 'make setup' first: it installs ./jbang");
        Matcher command = Pattern.compile("`jbang (catalog add [^`]*)<repo>/jbang-catalog.json`")
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertTrue(command.find(), "the README shows how to add the catalog");
        List<String> argv = new ArrayList<>();
        argv.add(launcher.toString());
        argv.addAll(List.of(command.group(1).trim().split("\\s+")));
        argv.add(ROOT.resolve("jbang-catalog.json").toString());
        Path catalog = ROOT.resolve("jbang-catalog.json");
        byte[] before = Files.readAllBytes(catalog);
        try {
            // Run as a newcomer would: from the repository root, with a JBang home of their own.
            ProcessBuilder pb = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true);
            pb.environment().put("JBANG_DIR", jbangHome.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), out);
            assertArrayEquals(before, Files.readAllBytes(catalog), "the README's command changed the project's catalog: " + out);
            JsonNode user = Json.read(jbangHome.resolve("jbang-catalog.json"));
            assertEquals(catalog.toString(), user.path("catalogs").path("sep").path("catalog-ref").asText(), user.toString());
        } finally {
            Files.write(catalog, before);
        }
    }

    /** The commands of a Makefile rule, up to the next blank line. */
    static String recipe(String makefile, String target) {
        int start = makefile.indexOf("\n" + target + ":");
        assertTrue(start >= 0, "no rule " + target);
        int end = makefile.indexOf("\n\n", start + 1);
        return makefile.substring(start, end < 0 ? makefile.length() : end);
    }
}
