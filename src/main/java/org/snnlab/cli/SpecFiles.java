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
        try {
            return TrainSpec.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spec " + e.getMessage());
        }
    }
}
