/**
 * The line-normalising front: turns one raw log line, as it appears in dmesg, syslog,
 * journalctl, /dev/kmsg dumps, serial consoles or a quoted e-mail, into the text printk
 * printed. lockdep-reports.md §0 "dmesg rendering" lists the wrappings; each prefix rule below
 * names where it comes from. Leading indentation of the printed text is kept (the unsafe-scenario
 * table needs it to tell CPU0 from CPU1).
 */

export interface NormalizedLine {
  /** The printed text, CR/ANSI/prefixes removed, trailing white space trimmed. */
  readonly text: string;
  /** `[C3]` caller id (printk CONFIG_PRINTK_CALLER), if present. */
  readonly callerCpu: number | null;
  /** `[T1234]` caller id. */
  readonly callerThread: number | null;
}

// ECMA-48 CSI sequences (colour codes from `dmesg --color`, terminals) and stray ESC.
const ANSI = /\u001b\[[0-9;?]*[ -\/]*[@-~]|\u001b[@-_]?/g;
// Control characters other than tab, which survive in pasted logs and binary noise.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Prefix rules, tried repeatedly until none matches; each strips exactly what it names. */
const PREFIXES: readonly { readonly name: string; readonly re: RegExp }[] = [
  // E-mail quoting (`> `, `>> `), syzbot replies and LKML reviews.
  { name: "quote", re: /^(?:> ?)+/ },
  // `| ` prefix some CI bots (netdev, kernelci) put before console lines.
  { name: "pipe", re: /^\| / },
  // syslog / journalctl: `Jun 11 11:02:51 host kernel: `, ISO `2016-03-26T20:52:22.5+00:00 host kernel: `.
  {
    name: "syslog",
    re: /^(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?) \S+ (?:kernel: ?|(?=\d+,\d+,\d+,[-c+]))/,
  },
  // /dev/kmsg records and `dmesg -r` raw: `4,622,406528882,-;` or `<4>`.
  { name: "kmsg", re: /^\d+,\d+,\d+,[-c+][^;]*;/ },
  { name: "level", re: /^<\d{1,3}>/ },
  // printk time stamp `[  123.456789] ` (one space after, printk's format `[%5lu.%06lu] `).
  { name: "time", re: /^\[ *\d+\.\d+\] ?/ },
  // Serial-console logger stamps such as `[2021/07/05, 13:43:52.334] `.
  { name: "wallclock", re: /^\[\d{4}[-\/]\d\d[-\/]\d\d[ ,T]+\d\d:\d\d:\d\d(?:\.\d+)?\] ?/ },
];

// printk caller id (kernel/printk/printk.c, CONFIG_PRINTK_CALLER): `[ T1234]` / `[  C3]`.
const CALLER = /^\[ *([TC])(\d+)\] ?/;

export function normalizeLine(raw: string): NormalizedLine {
  let text = raw.replace(ANSI, "").replace(/\r/g, "").replace(CONTROL, "");
  let callerCpu: number | null = null;
  let callerThread: number | null = null;
  for (let progress = true; progress; ) {
    progress = false;
    for (const prefix of PREFIXES) {
      const m = prefix.re.exec(text);
      if (m && m[0].length > 0) {
        text = text.slice(m[0].length);
        progress = true;
      }
    }
    const caller = CALLER.exec(text);
    if (caller) {
      const id = Number(caller[2]);
      if (caller[1] === "C") callerCpu = id;
      else callerThread = id;
      text = text.slice(caller[0].length);
      progress = true;
    }
  }
  return { text: text.replace(/\s+$/, ""), callerCpu, callerThread };
}

/**
 * One raw line may hold several printed lines: syslog renders a record's embedded newline as
 * `#012` (rsyslog's escape of control characters), e.g. `#012but task is already holding lock:`.
 */
export function splitEmbeddedNewlines(raw: string): string[] {
  return raw.includes("#012") ? raw.split("#012") : [raw];
}
