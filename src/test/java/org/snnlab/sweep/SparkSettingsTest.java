package org.snnlab.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Masters, attempts per task and the {@code --conf} checks, without Spark. */
class SparkSettingsTest {
    static SparkSettings s(String master, Map<String, String> conf) {
        return new SparkSettings(master, conf, 1);
    }

    @Test
    void attemptsPerTaskFollowSparksRules() {
        assertEquals(1, s("local[2]", Map.of()).attemptsPerTask(), "local[N]: one attempt");
        assertEquals(1, s("local[*]", Map.of()).attemptsPerTask());
        assertEquals(3, s("local[2,3]", Map.of()).attemptsPerTask());
        assertEquals(2, s("local[*,2]", Map.of()).attemptsPerTask());
        assertEquals(4, s("spark://h:7077", Map.of()).attemptsPerTask(), "spark.task.maxFailures defaults to 4");
        assertEquals(2, s("spark://h:7077", Map.of("spark.task.maxFailures", "2")).attemptsPerTask());
        assertEquals("h:7077", s("spark://h:7077,g:7078", Map.of()).standaloneAddress());
        assertNull(s("yarn", Map.of()).standaloneAddress());
        assertTrue(s("local", Map.of()).local());
        assertFalse(s("k8s://https://api:6443", Map.of()).local());
        assertEquals(0.5, s("local[1]", Map.of("spark.task.resource.gpu.amount", "0.5")).gpusPerTask());
    }

    @Test
    void badSettingsNameTheValue() {
        for (String m : List.of("", "mesos://x:1", "local[0]", "local[2,0]", "spark://nohost", "local[x]"))
            assertThrows(IllegalArgumentException.class, () -> s(m, Map.of()), m);
        assertThrows(IllegalArgumentException.class, () -> s("local", Map.of("spark.task.maxFailures", "0")));
        assertThrows(IllegalArgumentException.class, () -> s("local", Map.of("spark.speculation", "true")));
        assertThrows(IllegalArgumentException.class, () -> s("local", Map.of("spark.task.cpus", "2")));
        assertThrows(IllegalArgumentException.class, () -> s("local", Map.of("executor.memory", "1g")));
        assertThrows(IllegalArgumentException.class, () -> new SparkSettings("local", Map.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> SparkSettings.parseConf(List.of("spark.x")));
        assertEquals(Map.of("spark.a", "b=c"), SparkSettings.parseConf(List.of("spark.a=b=c")));
    }
}
