package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.snnlab.train.TrainSpec;
import org.snnlab.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the recipe of {@code train --spec FILE}: a TrainSpec JSON, or a run's provenance.json (its {@code spec} field). */
final class SpecFiles {
    private SpecFiles() { }

    /**
     * @param recipeOptions recipe options given beside {@code --spec} (refused: the file is the whole recipe)
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    static TrainSpec read(Path file, List<String> recipeOptions) throws IOException {
        if (!recipeOptions.isEmpty())
            throw new IllegalArgumentException("--spec takes the whole recipe from " + file + "; drop " + String.join(", ", recipeOptions)
                    + " (or edit the file)");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--spec " + file + ": no such file");
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--spec " + file + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (n != null && n.has("spec") && n.get("spec").isObject()) n = n.get("spec");
        if (n == null || !n.isObject() || !n.has("model"))
            throw new IllegalArgumentException("--spec " + file + ": neither a training spec nor a provenance.json with a 'spec' field");
        try {
            return TrainSpec.fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spec " + file + ": " + e.getMessage());
        }
    }
}
