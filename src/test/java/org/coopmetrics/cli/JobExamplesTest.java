package org.coopmetrics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopmetrics.Version;
import org.junit.jupiter.api.Test;

/** The scheduler examples in jobs/ parse, and name the job's real class and flags. */
class JobExamplesTest {
    @Test
    void kubernetesManifestIsValidYaml() throws Exception {
        JsonNode app = new ObjectMapper(new YAMLFactory()).readTree(new File("jobs/k8s/coopmetrics-sparkapplication.yaml"));
        assertEquals("SparkApplication", app.get("kind").asText());
        assertEquals(CoopMetrics.class.getName(), app.at("/spec/mainClass").asText());
        assertEquals("run", app.at("/spec/arguments/0").asText());
    }

    @Test
    void airflowDagCompilesAndUsesTheLogicalDate() throws Exception {
        String dag = Files.readString(Path.of("jobs/airflow/coopmetrics_dag.py"));
        assertTrue(dag.contains("\"--as-of\", \"{{ ds }}\""));
        assertTrue(dag.contains("java_class=\"" + CoopMetrics.class.getName() + "\""));
        boolean python = new File("/usr/bin/python3").canExecute();
        assumeTrue(python, "python3 is not installed: the DAG's syntax is not checked");
        Process p = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())",
                "jobs/airflow/coopmetrics_dag.py").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void crontabLineCallsTheNightlyScript() throws Exception {
        String cron = Files.readString(Path.of("jobs/crontab.example"));
        assertTrue(cron.lines().anyMatch(l -> l.matches("^(\\S+\\s+){5}\\S*jobs/nightly\\b.*")), cron);
        assertTrue(Files.isExecutable(Path.of("jobs/nightly")));
    }

    @Test
    void examplesNameTheJarAndImageOfThisVersion() throws Exception {
        // The version decides whether an --incremental run may build on a published run, so it moves when the
        // reports' meaning does; the commands users copy must move with it.
        String version = Version.get();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), version);
        Pattern named = Pattern.compile("coopmetrics[-:](\\d+\\.\\d+\\.\\d+)");
        for (String file : List.of("README.md", "jobs/k8s/coopmetrics-sparkapplication.yaml",
                "jobs/airflow/coopmetrics_dag.py")) {
            Matcher m = named.matcher(Files.readString(Path.of(file)));
            int found = 0;
            while (m.find()) {
                assertEquals(version, m.group(1), file + ": " + m.group());
                found++;
            }
            assertTrue(found > 0, file + " names no jar or image of a version");
        }
    }
}
