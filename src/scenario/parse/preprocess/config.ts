/**
 * What `#ifdef`, `defined()` and `IS_ENABLED()` see: the `--config` options, the macros the
 * scenario defined so far, and the few names every kernel compilation unit has.
 */
import type { MacroDefinition } from "../../ast.js";
import type { IfEnvironment } from "./if-expression.js";

/** Defined for every kernel compilation unit (the kernel's Makefile passes -D__KERNEL__). */
const PREDEFINED = ["__KERNEL__"] as const;

/**
 * Mutable across the files of one unit: a macro defined in an included file is visible after
 * the `#include`, as with cpp.
 */
export interface PreprocessorState {
  /** Kconfig options that are set, with or without the `CONFIG_` prefix (`PREEMPT_RT`). */
  readonly config: ReadonlySet<string>;
  readonly macros: Map<string, MacroDefinition>;
}

export function ifEnvironment(state: PreprocessorState): IfEnvironment {
  const isConfigEnabled = (name: string): boolean => {
    const macro = state.macros.get(name);
    if (macro !== undefined) return macro.kind === "object" && /^(1|y)$/.test(macro.text);
    if (state.config.has(name)) return true;
    return name.startsWith("CONFIG_") && state.config.has(name.slice("CONFIG_".length));
  };
  return {
    isConfigEnabled,
    isDefined: (name) =>
      state.macros.has(name) || (PREDEFINED as readonly string[]).includes(name) || (name.startsWith("CONFIG_") && isConfigEnabled(name)),
    objectMacro: (name) => {
      const macro = state.macros.get(name);
      return macro?.kind === "object" ? macro.text : undefined;
    },
  };
}
