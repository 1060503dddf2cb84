package org.snnlab.cli;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
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
 * What keeps the optional Spark executor in step with Spark: bin/snnlab's Java 17 options equal
 * Spark's own {@code JavaModuleOptions} list (of the jars in target/spark-classpath.txt); the two poms
 * name one Spark version; the default run-time class path (target/classpath.txt, the kernel's) has no
 * Spark or Scala jar.
 */
class SparkLauncherTest {
    @Test
    void launcherOptionsAreSparksJavaModuleOptions() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : SparkJvm.sparkClasspath().split(":")) urls.add(Path.of(p).toUri().toURL());
        try (URLClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            Class<?> c = Class.forName("org.apache.spark.launcher.JavaModuleOptions", true, cl);
            String[] opts = (String[]) c.getMethod("defaultModuleOptionArray").invoke(null);
            assertEquals(List.of(opts), SparkJvm.launcherOptions(), "bin/snnlab SPARK_JAVA_OPTS = Spark's JavaModuleOptions");
        }
    }

    static String sparkVersion(Path pom) throws Exception {
        Matcher m = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(Files.readString(pom));
        assertTrue(m.find(), pom + " names spark.version");
        return m.group(1);
    }

    @Test
    void onePinnedSparkVersionAndNoSparkOnTheDefaultClassPath() throws Exception {
        assertEquals(sparkVersion(SparkJvm.ROOT.resolve("pom.xml")), sparkVersion(SparkJvm.ROOT.resolve("spark/pom.xml")));
        String v = sparkVersion(SparkJvm.ROOT.resolve("pom.xml"));
        assertTrue(SparkJvm.sparkClasspath().contains("spark-core_2.13-" + v + ".jar"), "spark-classpath.txt holds spark-core " + v);
        String cp = Files.readString(SparkJvm.ROOT.resolve("target/classpath.txt"));
        assertFalse(cp.contains("/org/apache/spark/") || cp.contains("/org/scala-lang/"), "the default class path carries no Spark: " + cp);
    }
}
