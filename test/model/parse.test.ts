/**
 * The bundled kernel model (model/*.c) and the example scenarios (examples/**\/*.c) are good
 * scenario input: every file parses with no diagnostic under every configuration its #ifdefs
 * name, the model declares its entry points as MODEL-CONVENTIONS.md says, and each example
 * states the expectations it was written with.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Expectation, TopLevelItem, TranslationUnit } from "../../src/scenario/ast.js";
import { formatDiagnostic, parseScenarioFile } from "../../src/scenario/parse/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MODEL_DIR = join(ROOT, "model");
const EXAMPLES_DIR = join(ROOT, "examples");

/** Configurations the files' #ifdefs distinguish (none, each alone, both). */
const CONFIGS: readonly (readonly string[])[] = [[], ["MEMORY_HOTREMOVE"], ["PREEMPT_RT"], ["MEMORY_HOTREMOVE", "PREEMPT_RT"]];

function cFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...cFiles(path));
    else if (name.endsWith(".c")) out.push(path);
  }
  return out;
}

async function parseClean(path: string, config: readonly string[]): Promise<TranslationUnit> {
  const result = await parseScenarioFile(path, { config: new Set(config), root: ROOT });
  if (!result.ok) throw new Error(formatDiagnostic(result.error));
  const problems = result.diagnostics.map((d) => formatDiagnostic(d, result.sources[d.loc.file]));
  expect(problems, `${relative(ROOT, path)} with --config ${config.join(",") || "(none)"}`).toEqual([]);
  return result.unit;
}

const macroCalls = (items: readonly TopLevelItem[], name: string): string[] =>
  items.flatMap((item) =>
    item.kind === "macro-call" && item.call.name === name ? item.call.args.map((arg) => arg.text) : [],
  );

const functionNames = (units: readonly TranslationUnit[]): Set<string> =>
  new Set(units.flatMap((unit) => unit.items.flatMap((item) => (item.kind === "function" ? [item.name] : []))));

/** `kind lock lock` of each expectation, in file order. */
const written = (expectations: readonly Expectation[]): string[] =>
  expectations.map((e) => (e.kind === "none" ? "none" : [e.findingKind, ...e.locks].join(" ")));

const modelFiles = cFiles(MODEL_DIR);
const exampleFiles = cFiles(EXAMPLES_DIR);

describe("model/*.c", () => {
  it("has the files MODEL-CONVENTIONS.md names", () => {
    expect(modelFiles.map((f) => relative(MODEL_DIR, f))).toEqual([
      "mmu_notifier.c",
      "oom_kill.c",
      "page_alloc.c",
      "printk.c",
      "rmap.c",
      "shrinker.c",
      "vmscan.c",
    ]);
  });

  for (const config of CONFIGS) {
    it(`parses without diagnostics with --config ${config.join(",") || "(none)"}`, async () => {
      for (const file of modelFiles) await parseClean(file, config);
    });
  }

  it("declares one ALLOCATOR and one RECLAIM, the kernel's own entry functions, all defined", async () => {
    const units = await Promise.all(modelFiles.map((f) => parseClean(f, [])));
    const items = units.flatMap((u) => u.items);
    expect(macroCalls(items, "ALLOCATOR")).toEqual(["__alloc_pages"]);
    expect(macroCalls(items, "RECLAIM")).toEqual(["__perform_reclaim"]);
    // Files in name order: oom_kill.c, then vmscan.c.
    expect(macroCalls(items, "TASK_NAMED")).toEqual(["oom_reaper", '"oom_reaper"', "kswapd", '"kswapd0"']);
    expect(macroCalls(items, "TASK")).toEqual(["sys_munmap"]);
    expect(macroCalls(items, "SHRINKER")).toEqual(["super_cache_count", "super_cache_scan"]);
    const defined = functionNames(units);
    const named = ["ALLOCATOR", "RECLAIM", "TASK", "SHRINKER"].flatMap((m) => macroCalls(items, m));
    named.push(...macroCalls(items, "TASK_NAMED").filter((arg) => !arg.startsWith('"')));
    expect(named.filter((name) => !defined.has(name))).toEqual([]);
  });

  it("defines the kernel functions scenarios call", async () => {
    const defined = functionNames(await Promise.all(modelFiles.map((f) => parseClean(f, []))));
    for (const name of [
      "mm_take_all_locks",
      "mm_drop_all_locks",
      "mmu_notifier_register",
      "shrink_all_memory",
      "try_to_free_pages",
      "build_all_zonelists",
      "__alloc_pages",
      "printk",
      "shrink_slab",
      "wakeup_kswapd",
      "mmu_notifier_invalidate_range_start",
      "mmu_notifier_invalidate_range_start_nonblock",
      "fs_reclaim_acquire",
      "fs_reclaim_release",
    ]) {
      expect(defined.has(name), name).toBe(true);
    }
  });

  it("defines each function once (the interpreter keeps the first definition of a name)", async () => {
    const units = await Promise.all(modelFiles.map((f) => parseClean(f, [])));
    const names = units.flatMap((u) => u.items.flatMap((item) => (item.kind === "function" ? [item.name] : [])));
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it("states no expectations (the model alone has no findings by construction, not by annotation)", async () => {
    for (const file of modelFiles) expect((await parseClean(file, [])).expectations, file).toEqual([]);
  });
});

describe("examples/**/*.c", () => {
  for (const config of CONFIGS) {
    it(`parse without diagnostics with --config ${config.join(",") || "(none)"}`, async () => {
      expect(exampleFiles.length).toBeGreaterThan(0);
      for (const file of exampleFiles) await parseClean(file, config);
    });
  }

  /** What each seed example expects, per configuration (the files' #ifdefs decide). */
  const EXPECTED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
    "seeds/000-mm-take-all-locks.c": { "": ["circular-dependency &anon_vma->rwsem fs_reclaim"] },
    "seeds/000-allocate-in-advance.c": { "": ["none"] },
    "seeds/001-notifier-lock-alloc.c": {
      "": ["circular-dependency &umem->lock fs_reclaim mmu_notifier_invalidate_range_start"],
    },
    "seeds/001-notifier-preallocate.c": { "": ["none"] },
    "seeds/003-zonelist-printk.c": {
      "": ["none"],
      MEMORY_HOTREMOVE: ["circular-dependency zonelist_update_seq.seqcount console_owner &port->lock"],
      PREEMPT_RT: ["none"],
      "MEMORY_HOTREMOVE,PREEMPT_RT": ["none"],
    },
    "seeds/003-printk-deferred.c": { "": ["none"], "MEMORY_HOTREMOVE,PREEMPT_RT": ["none"] },
    "seeds/003-preempt-rt.c": {
      "": ["none"],
      MEMORY_HOTREMOVE: ["none"],
      PREEMPT_RT: ["sleep-in-atomic"],
      "MEMORY_HOTREMOVE,PREEMPT_RT": ["sleep-in-atomic"],
    },
    "seeds/004-oom-reaper-notifier.c": { "": ["sleep-in-atomic"] },
    "seeds/004-range-blockable.c": { "": ["none"] },
    "seeds/002-dm-bufio-loop.c": { "": ["circular-dependency (bit)&b->state fs_reclaim &c->lock"] },
    "seeds/002-dm-bufio-2014.c": { "": ["circular-dependency (bit)&b->state fs_reclaim &c->lock"] },
    "seeds/002-mikulas-nofs.c": {
      "": ["circular-dependency &ei->i_data_sem reclaim(GFP_NOFS) &c->lock (bit)&b->state"],
    },
    "seeds/002-loop-noio.c": { "": ["none"] },
  };

  for (const [file, byConfig] of Object.entries(EXPECTED)) {
    for (const [config, expectations] of Object.entries(byConfig)) {
      it(`${file} expects ${expectations.join("; ")} with --config ${config || "(none)"}`, async () => {
        const unit = await parseClean(join(EXAMPLES_DIR, file), config === "" ? [] : config.split(","));
        expect(written(unit.expectations)).toEqual(expectations);
      });
    }
  }

  it("every example is in the table above", () => {
    const files = exampleFiles.map((f) => relative(EXAMPLES_DIR, f));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
