/**
 * `// expect: KIND [LOCK...]` and `// expect: none` (SCENARIO-LANGUAGE.md, top level): what
 * `check --expect` must find in the file. Kinds are not checked against a list here (the engine
 * may add kinds); their spelling is.
 */
import type { Expectation } from "../ast.js";
import type { Diagnostic } from "./diagnostic.js";
import type { LineIndex } from "./line-index.js";
import type { LineComment } from "./preprocess/index.js";

const EXPECT = /^\s*expect:(.*)$/;
const KIND_SPELLING = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export interface ExpectationScan {
  readonly expectations: readonly Expectation[];
  readonly diagnostics: readonly Diagnostic[];
}

export function collectExpectations(comments: readonly LineComment[], index: LineIndex): ExpectationScan {
  const expectations: Expectation[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const comment of comments) {
    const match = EXPECT.exec(comment.text);
    if (match === null) continue;
    const loc = index.locAt(comment.offset);
    const [kind, ...locks] = (match[1] ?? "").trim().split(/\s+/).filter((word) => word !== "");
    if (kind === undefined) {
      diagnostics.push({ loc, message: "expected a finding kind or 'none' after 'expect:'" });
    } else if (kind === "none") {
      if (locks.length > 0) diagnostics.push({ loc, message: "'expect: none' takes no lock names" });
      else expectations.push({ kind: "none", loc });
    } else if (!KIND_SPELLING.test(kind)) {
      diagnostics.push({ loc, message: `'${kind}' is not a finding kind (kinds are written like circular-dependency)` });
    } else {
      expectations.push({ kind: "finding", loc, findingKind: kind, locks });
    }
  }
  return { expectations, diagnostics };
}
