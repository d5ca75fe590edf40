package sep.project;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import sep.data.DataLocation;
import sep.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
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
        assertTrue(flat.contains("--trim-db") && flat.contains("(default: 60)"), out);
    }
}
