/**
 * Stage 3 of preprocessing: the kernel's annotation macros become blanks, because tree-sitter-c
 * sees `int __must_check f(void)` or `void f(void) __acquires(x)` as syntax errors. Each one is
 * kept (name, raw arguments, offset) so function definitions can carry them: the sparse lock
 * annotations `__acquires`/`__releases`/`__must_hold` (include/linux/compiler_types.h) say what a
 * function does with a lock.
 */
import { BlankingWriter } from "./blank.js";

/** Annotations written without arguments (include/linux/compiler_types.h, init.h, cache.h). */
const BARE_ANNOTATIONS = [
  "__init", "__exit", "__initdata", "__exitdata", "__initconst", "__ref", "__refdata", "__meminit",
  "__must_check", "__always_inline", "noinline", "__noinline", "__inline", "__inline__",
  "__maybe_unused", "__always_unused", "__used", "__cold", "__hot", "notrace", "noinstr", "__sched",
  "__user", "__kernel", "__iomem", "__rcu", "__percpu", "__force", "__bitwise", "__safe", "__nocast",
  "__private", "__read_mostly", "__ro_after_init", "__cacheline_aligned", "__cacheline_aligned_in_smp",
  "____cacheline_aligned", "____cacheline_aligned_in_smp", "asmlinkage", "__visible", "__weak",
  "__pure", "__noreturn", "__latent_entropy", "__randomize_layout", "__packed", "__malloc",
  "__flatten", "__noclone", "__attribute_const__", "__deprecated",
] as const;

/** Annotations that take arguments in parentheses. */
const ANNOTATIONS_WITH_ARGUMENTS = [
  "__acquires", "__releases", "__must_hold", "__cond_acquires", "__cond_releases", "__aligned",
  "__section", "__printf", "__scanf", "__attribute__", "__attribute", "__alloc_size", "__counted_by",
  "__guarded_by", "__pt_guarded_by",
] as const;

export interface RawAnnotation {
  readonly offset: number;
  readonly name: string;
  /** Text between the parentheses, or null for a bare annotation. */
  readonly args: string | null;
}

export interface AnnotationScan {
  readonly code: string;
  readonly annotations: readonly RawAnnotation[];
}

const takesArguments = new Set<string>(ANNOTATIONS_WITH_ARGUMENTS);
const ANNOTATION = new RegExp(
  `"(?:[^"\\\\\\n]|\\\\.)*"|'(?:[^'\\\\\\n]|\\\\.)*'|\\b(${[...ANNOTATIONS_WITH_ARGUMENTS, ...BARE_ANNOTATIONS]
    .sort((a, b) => b.length - a.length)
    .join("|")})\\b`,
  "g",
);

export function stripAnnotations(code: string): AnnotationScan {
  const writer = new BlankingWriter(code);
  const annotations: RawAnnotation[] = [];
  let consumed = 0;
  for (const match of code.matchAll(ANNOTATION)) {
    const name = match[1];
    if (name === undefined) continue; // a string or character literal
    const start = match.index;
    if (start < consumed) continue; // inside the arguments of the previous annotation
    let end = start + name.length;
    let args: string | null = null;
    if (takesArguments.has(name)) {
      const open = /^\s*\(/.exec(code.slice(end, end + 200));
      const close = open === null ? -1 : matchingParenthesis(code, end + open[0].length - 1);
      if (open !== null && close !== -1) {
        args = code.slice(end + open[0].length, close).replace(/\s+/g, " ").trim();
        end = close + 1;
      }
    }
    annotations.push({ offset: start, name, args });
    writer.blankRange(start, end);
    consumed = end;
  }
  return { code: writer.finish(), annotations };
}

/** Offset of the `)` closing the `(` at `open`, or -1. */
function matchingParenthesis(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
    else if (c === ";" || c === "{") return -1;
  }
  return -1;
}
