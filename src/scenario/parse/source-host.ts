/**
 * File access for the parser, so the same parser runs on disk (CLI), on in-memory files (tests,
 * the web playground). Every answer is a value: a scenario path is user input.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";

/**
 * Scenario files larger than this are refused: a scenario is hand-written, and a huge or endless
 * input must give an error, not exhaust memory.
 */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

export type ReadOutcome =
  | { readonly kind: "file"; readonly bytes: Uint8Array }
  | { readonly kind: "missing" }
  | { readonly kind: "directory" }
  | { readonly kind: "not-a-file" }
  | { readonly kind: "too-large"; readonly size: number }
  | { readonly kind: "unreadable"; readonly reason: string };

export interface SourceHost {
  readFile(path: string): ReadOutcome;
  /** The canonical path (symbolic links resolved), or null when it does not exist. */
  realPath(path: string): string | null;
}

/** The file system. Checks the file type first: reading a FIFO or `/dev/zero` would never end. */
export const nodeSourceHost: SourceHost = {
  readFile(path) {
    try {
      const stats = statSync(path);
      if (stats.isDirectory()) return { kind: "directory" };
      if (!stats.isFile()) return { kind: "not-a-file" };
      if (stats.size > MAX_SCENARIO_BYTES) return { kind: "too-large", size: stats.size };
      return { kind: "file", bytes: readFileSync(path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
      if (code === "EISDIR") return { kind: "directory" };
      if (code === "EACCES" || code === "EPERM") return { kind: "unreadable", reason: "permission denied" };
      return { kind: "unreadable", reason: code ?? String(error) };
    }
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  },
};

/** Files held in memory, keyed by path (tests, the playground). */
export function memorySourceHost(files: Readonly<Record<string, string | Uint8Array>>): SourceHost {
  const encoder = new TextEncoder();
  const isDirectory = (path: string): boolean =>
    Object.keys(files).some((name) => name.startsWith(path.endsWith("/") ? path : `${path}/`));
  return {
    readFile(path) {
      const content = Object.hasOwn(files, path) ? files[path] : undefined;
      if (content === undefined) return isDirectory(path) ? { kind: "directory" } : { kind: "missing" };
      return { kind: "file", bytes: typeof content === "string" ? encoder.encode(content) : content };
    },
    realPath(path) {
      return Object.hasOwn(files, path) || isDirectory(path) ? path : null;
    },
  };
}

/** The message for a read that gave no text. */
export function describeReadFailure(outcome: Exclude<ReadOutcome, { kind: "file" }>): string {
  switch (outcome.kind) {
    case "missing":
      return "no such file";
    case "directory":
      return "is a directory, not a scenario file";
    case "not-a-file":
      return "not a regular file";
    case "too-large":
      return `file too large (${outcome.size} bytes; a scenario may have at most ${MAX_SCENARIO_BYTES})`;
    case "unreadable":
      return `cannot read file: ${outcome.reason}`;
  }
}
