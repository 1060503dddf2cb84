package org.snnlab;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The import floors of a package tree: a table of package names relative to {@code root}, lowest
 * floor first. A class belongs to the longest table entry that is its package or a parent of it
 * ({@code data} holds {@code data.event} and {@code data.event.transform}; {@code data.download} is
 * its own entry), and
 * <ul>
 *   <li>{@link #layering()}: a class may depend only on classes of its own floor or lower ones, and
 *       every class under {@code root} must belong to some entry (a new package needs a floor; a
 *       {@code package-info} outside the table is only documentation and is let through);</li>
 *   <li>{@link #freeOfCycles()}: the entries, taken as slices, have no dependency cycle.</li>
 * </ul>
 * {@link #SNNLAB} is the table README.md's layout section states (ArchitectureTest holds the two equal).
 *
 * @param root  the package the table's names are relative to, e.g. {@code org.snnlab}
 * @param table the floors, lowest first; each a list of package names relative to {@code root}
 */
record Floors(String root, List<List<String>> table) {
    /** snnlab's floors; {@code prune} and {@code interop} are placed before they exist. */
    static final List<List<String>> SNNLAB = List.of(
            List.of("util", "core", "optim.lr", "train.energy", "data.download"),
            List.of("layer", "loss", "optim", "data"),
            List.of("neuron"),
            List.of("model"),
            List.of("train", "prune"),
            List.of("sweep", "notebook", "interop"),
            List.of("cli"));

    Floors {
        if (root == null || root.isBlank()) throw new IllegalArgumentException("root package must not be blank, got '" + root + "'");
        table = table.stream().map(List::copyOf).toList();
        Set<String> seen = new HashSet<>();
        for (List<String> floor : table) {
            if (floor.isEmpty()) throw new IllegalArgumentException("a floor must name at least one package: " + table);
            for (String p : floor) if (!seen.add(p)) throw new IllegalArgumentException("package '" + p + "' is on two floors");
        }
    }

    /** The table entry {@code pkg} belongs to (its longest listed ancestor-or-self), or null outside the table. */
    String entryOf(String pkg) {
        String best = null;
        for (List<String> floor : table)
            for (String e : floor) {
                String full = root + "." + e;
                if ((pkg.equals(full) || pkg.startsWith(full + ".")) && (best == null || e.length() > best.length())) best = e;
            }
        return best;
    }

    /** The floor (0 = lowest) of a table entry. */
    int floorOf(String entry) {
        for (int f = 0; f < table.size(); f++) if (table.get(f).contains(entry)) return f;
        throw new IllegalArgumentException("'" + entry + "' is not in the floor table");
    }

    /** Every class under {@code root} has a floor and depends on nothing above it. */
    ArchRule layering() {
        return classes().that().resideInAPackage(root + "..").should(new ArchCondition<JavaClass>(
                "depend only on packages on their own floor or below, floors " + table) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String from = entryOf(c.getPackageName());
                if (from == null && c.getSimpleName().equals("package-info")) return; // documentation only
                if (from == null) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is in package " + c.getPackageName()
                            + ", which has no floor: add it to the floor table"));
                    return;
                }
                int floor = floorOf(from);
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String to = entryOf(d.getTargetClass().getBaseComponentType().getPackageName());
                    if (to != null && floorOf(to) > floor)
                        events.add(SimpleConditionEvent.violated(d, from + " (floor " + floor + ") -> " + to
                                + " (floor " + floorOf(to) + "): " + d.getDescription()));
                }
            }
        });
    }

    /** The table entries, as slices, form no dependency cycle. */
    ArchRule freeOfCycles() {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String e = entryOf(c.getPackageName());
                return e == null ? SliceIdentifier.ignore() : SliceIdentifier.of(e);
            }

            @Override
            public String getDescription() {
                return "the floor table's packages under " + root;
            }
        }).should().beFreeOfCycles();
    }
}
