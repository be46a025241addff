/** Renders a {@link FigureTable} as aligned text (terminal) or as a Markdown table (RESULTS.md). */
import type { FigureTable } from "./registry.js";

export function tableAsText(table: FigureTable): string {
  const widths = table.columns.map((column, i) =>
    Math.max(column.length, ...table.rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    widths.map((width, i) => (cells[i] ?? "").padEnd(width)).join("  ").trimEnd();
  return [table.title, line(table.columns), line(widths.map((w) => "-".repeat(w))), ...table.rows.map(line)].join("\n");
}

/** Pipes inside cells are escaped so a figure can never break the table. */
export function tableAsMarkdown(table: FigureTable): string {
  const cell = (text: string): string => text.replaceAll("|", "\\|");
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  return [
    `**${table.title}**`,
    "",
    line(table.columns),
    line(table.columns.map(() => "---")),
    ...table.rows.map((row) => line(table.columns.map((_, i) => row[i] ?? ""))),
  ].join("\n");
}
