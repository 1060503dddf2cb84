/**
 * A deliberately badly layered package tree for ArchitectureTest: the floor rules, run over it with
 * the same table as snnlab's, must report that {@code core.Value} imports {@code layer.Box} (a floor
 * up), that {@code layer} and {@code loss} import each other (a cycle), and that {@code gadget} has no
 * floor; and must not report {@code model.Net}'s imports from lower floors.
 */
package org.snnlab.archfixture;
