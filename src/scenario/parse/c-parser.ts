/**
 * tree-sitter-c through web-tree-sitter (WebAssembly, no native build). The grammar is loaded
 * once per process and the parser reused: loading takes tens of milliseconds, a parse of a
 * small scenario well under one.
 */
import { createRequire } from "node:module";
import { Language, Parser, type Tree } from "web-tree-sitter";

let loading: Promise<Parser> | undefined;

export function loadCParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve("tree-sitter-c/tree-sitter-c.wasm");
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    return parser;
  })();
  return loading;
}

/** Parses `code`, hands the tree to `use`, and frees the tree's WebAssembly memory afterwards. */
export function withTree<T>(parser: Parser, code: string, use: (tree: Tree) => T): T {
  const tree = parser.parse(code);
  if (tree === null) throw new Error("tree-sitter returned no tree (parser has no language)");
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
