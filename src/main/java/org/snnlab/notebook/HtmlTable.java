package org.snnlab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small table rendered as escaped HTML; {@link #of} converts a Tablesaw table. */
public final class HtmlTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public HtmlTable(String... header) {
        if (header.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        this.header = List.of(header);
    }

    /** A Tablesaw table as an HtmlTable (tablesaw-core has no HTML writer of its own); missing values are blank. */
    public static HtmlTable of(tech.tablesaw.api.Table t) {
        HtmlTable h = new HtmlTable(t.columnNames().toArray(new String[0]));
        for (int r = 0; r < t.rowCount(); r++) {
            Object[] cells = new Object[t.columnCount()];
            for (int c = 0; c < cells.length; c++) cells[c] = t.column(c).isMissing(r) ? "" : t.column(c).get(r);
            h.row(cells);
        }
        return h;
    }

    /** Adds a row; numbers are formatted with 4 significant digits. */
    public HtmlTable row(Object... cells) {
        if (cells.length != header.size())
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size() + " columns");
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(c instanceof Double || c instanceof Float
                ? String.format(Locale.ROOT, "%.4g", ((Number) c).doubleValue()) : String.valueOf(c));
        rows.add(r);
        return this;
    }

    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse\"><thead><tr>");
        for (String h : header) sb.append("<th style=\"border-bottom:1px solid #888;padding:2px 8px\">").append(esc(h)).append("</th>");
        sb.append("</tr></thead><tbody>");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (String c : r) sb.append("<td style=\"padding:2px 8px;text-align:right\">").append(esc(c)).append("</td>");
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** Shows the table (inline in a kernel, an HTML file headless). */
    public void show(String name) {
        Display.html(toHtml(), name);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
