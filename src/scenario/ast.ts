/**
 * The scenario AST: what `src/scenario/parse/` produces from a scenario C file and what the
 * interpreter walks. It is our own small typed tree, not tree-sitter's: every construct of
 * SCENARIO-LANGUAGE.md has one node kind, everything else is `unknown` with its raw text.
 *
 * Invariants (the interpreter may rely on them):
 * - every node carries a {@link Loc} (1-based line and column, column in UTF-16 code units);
 * - every expression carries `text`: its source text with comments removed and runs of white
 *   space collapsed to one space (a lock class name is `text` with all white space removed);
 * - parentheses leave no node: `(a)` is `a` (its `text` has no parentheses);
 * - the tree is plain data and survives a JSON round trip.
 */

/** A place in a scenario file. Line and column are 1-based; columns count UTF-16 code units. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

// ---------------------------------------------------------------------------------------------
// Types

/** How a declared name's type is built on its base, outermost first (C's "derived types"). */
export type TypeDerivation = "pointer" | "array" | "function";

/**
 * A declared type. `text` is the type as written without the name (`struct obj *`,
 * `int (*)(struct obj *o, int)`); `base` is the specifier without qualifiers (`struct obj`,
 * `unsigned long`); `derivation` says what is built on it: `struct obj *a[4]` is
 * `["array", "pointer"]` (an array of pointers), `int (*cb)(void)` is `["pointer", "function"]`.
 */
export interface TypeRef {
  readonly text: string;
  readonly base: string;
  readonly derivation: readonly TypeDerivation[];
}

// ---------------------------------------------------------------------------------------------
// Expressions

export const UNARY_OPERATORS = ["&", "*", "!", "~", "-", "+"] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

export const BINARY_OPERATORS = [
  "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&&", "||", "==", "!=", "<", ">", "<=", ">=",
] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

export const ASSIGNMENT_OPERATORS = [
  "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=",
] as const;
export type AssignmentOperator = (typeof ASSIGNMENT_OPERATORS)[number];

interface ExpressionBase {
  readonly loc: Loc;
  /** Source text, comments removed, white space runs collapsed to one space. */
  readonly text: string;
}

export interface Identifier extends ExpressionBase {
  readonly kind: "identifier";
  readonly name: string;
}

/**
 * An integer, floating or character constant. `true`, `false` and `NULL` are numbers too
 * (1, 0, 0), as the kernel defines them. `value` is null where the text is not a number JS can
 * hold (a malformed literal); integers beyond 2^53 lose precision.
 */
export interface NumberLiteral extends ExpressionBase {
  readonly kind: "number";
  readonly value: number | null;
}

/** A string literal; adjacent literals (`"a" "b"`) are joined and escapes decoded. */
export interface StringLiteral extends ExpressionBase {
  readonly kind: "string";
  readonly value: string;
}

/** A call. `name` is the callee's name when the callee is a plain identifier, else null. */
export interface CallExpression extends ExpressionBase {
  readonly kind: "call";
  readonly callee: Expression;
  readonly name: string | null;
  readonly args: readonly Expression[];
}

export interface UnaryExpression extends ExpressionBase {
  readonly kind: "unary";
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}

/** `++x`, `x--`. */
export interface UpdateExpression extends ExpressionBase {
  readonly kind: "update";
  readonly operator: "++" | "--";
  readonly prefix: boolean;
  readonly operand: Expression;
}

export interface BinaryExpression extends ExpressionBase {
  readonly kind: "binary";
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** `x = v` and compound assignments (`current->flags |= PF_MEMALLOC_NOIO`). */
export interface AssignmentExpression extends ExpressionBase {
  readonly kind: "assignment";
  readonly operator: AssignmentOperator;
  readonly target: Expression;
  readonly value: Expression;
}

/** `object.field` or `object->field`. */
export interface FieldExpression extends ExpressionBase {
  readonly kind: "field";
  readonly object: Expression;
  readonly operator: "." | "->";
  readonly field: string;
}

export interface SubscriptExpression extends ExpressionBase {
  readonly kind: "subscript";
  readonly object: Expression;
  readonly index: Expression;
}

export interface CastExpression extends ExpressionBase {
  readonly kind: "cast";
  readonly type: TypeRef;
  readonly operand: Expression;
}

/** `sizeof(*p)`, `sizeof(struct obj)`: the operand is an expression or a `type-name`. */
export interface SizeofExpression extends ExpressionBase {
  readonly kind: "sizeof";
  readonly operand: Expression;
}

/**
 * A type written where an expression stands: the operand of `sizeof(struct obj)`, or a macro
 * argument such as `container_of(w, struct obj, work)` and `va_arg(ap, unsigned long)`.
 */
export interface TypeNameExpression extends ExpressionBase {
  readonly kind: "type-name";
  readonly type: TypeRef;
}

export interface ConditionalExpression extends ExpressionBase {
  readonly kind: "conditional";
  readonly condition: Expression;
  /** Null for GNU `a ?: b`. */
  readonly then: Expression | null;
  readonly else: Expression;
}

/** `a, b, c`: evaluated in order, the value is the last. */
export interface CommaExpression extends ExpressionBase {
  readonly kind: "comma";
  readonly expressions: readonly Expression[];
}

/** One designator of an initializer entry: `.field` or `[index]` (`[a ... b]` as `index` a). */
export type Designator =
  | { readonly kind: "field"; readonly name: string; readonly loc: Loc }
  | { readonly kind: "index"; readonly index: Expression; readonly loc: Loc };

export interface InitializerEntry {
  /** Empty for a positional entry; `.a.b = 1` has two. */
  readonly designators: readonly Designator[];
  readonly value: Expression;
  readonly loc: Loc;
}

/** `{ .count_objects = f, .seeks = DEFAULT_SEEKS }`. */
export interface InitializerList extends ExpressionBase {
  readonly kind: "init-list";
  readonly entries: readonly InitializerEntry[];
}

/** `(struct foo){ .a = 1 }`. */
export interface CompoundLiteral extends ExpressionBase {
  readonly kind: "compound-literal";
  readonly type: TypeRef;
  readonly init: InitializerList;
}

/** GNU `({ stmt; ...; value; })`: the value is that of the block's last expression statement. */
export interface StatementExpression extends ExpressionBase {
  readonly kind: "statement-expression";
  readonly body: Block;
}

/** Anything else (inline `asm`, `_Generic`, `_Alignof`, `offsetof`): kept as text, explored as unknown. */
export interface UnknownExpression extends ExpressionBase {
  readonly kind: "unknown";
}

export type Expression =
  | Identifier
  | NumberLiteral
  | StringLiteral
  | CallExpression
  | UnaryExpression
  | UpdateExpression
  | BinaryExpression
  | AssignmentExpression
  | FieldExpression
  | SubscriptExpression
  | CastExpression
  | SizeofExpression
  | TypeNameExpression
  | ConditionalExpression
  | CommaExpression
  | InitializerList
  | CompoundLiteral
  | StatementExpression
  | UnknownExpression;

// ---------------------------------------------------------------------------------------------
// Statements

export interface Block {
  readonly kind: "block";
  readonly loc: Loc;
  readonly statements: readonly Statement[];
}

export interface ExpressionStatement {
  readonly kind: "expression";
  readonly loc: Loc;
  readonly expression: Expression;
}

/**
 * One declared local: `int a, *b = NULL;` is two declarations, each placed at its name.
 * `isStatic` for function-local statics (one instance shared by every call).
 */
export interface Declaration {
  readonly kind: "declaration";
  readonly loc: Loc;
  readonly name: string;
  readonly type: TypeRef;
  readonly init: Expression | null;
  readonly isStatic: boolean;
}

export interface IfStatement {
  readonly kind: "if";
  readonly loc: Loc;
  readonly condition: Expression;
  readonly then: Statement;
  readonly else: Statement | null;
}

/** One `case X:` (or `default:` with `test` null) and the statements up to the next label. */
export interface SwitchCase {
  readonly loc: Loc;
  readonly test: Expression | null;
  /** The upper bound of a GNU case range (`case 'a' ... 'z':`), else null. */
  readonly rangeEnd: Expression | null;
  /** Control falls through to the next case unless the body leaves (`break`, `return`, `goto`). */
  readonly body: readonly Statement[];
}

export interface SwitchStatement {
  readonly kind: "switch";
  readonly loc: Loc;
  readonly discriminant: Expression;
  readonly cases: readonly SwitchCase[];
}

export interface ForStatement {
  readonly kind: "for";
  readonly loc: Loc;
  /** Declarations (`for (int i = 0; ...)`) or one expression statement; empty when absent. */
  readonly init: readonly Statement[];
  readonly condition: Expression | null;
  readonly update: Expression | null;
  readonly body: Statement;
}

export interface WhileStatement {
  readonly kind: "while";
  readonly loc: Loc;
  readonly condition: Expression;
  readonly body: Statement;
}

export interface DoStatement {
  readonly kind: "do";
  readonly loc: Loc;
  readonly body: Statement;
  readonly condition: Expression;
}

/**
 * A kernel iteration macro used as a loop header: `list_for_each_entry(p, &h, node) { ... }`,
 * `for_each_online_cpu(cpu) ...`, `xa_for_each(&xa, i, e) { ... }`. Any `name(args)` directly
 * followed by a block becomes one (also `scoped_guard(mutex, &l) { ... }`: the interpreter
 * decides by `name` what the header means); a `*for_each*` header may also take a single
 * statement as its body.
 */
export interface MacroLoop {
  readonly kind: "macro-loop";
  readonly loc: Loc;
  readonly name: string;
  readonly args: readonly Expression[];
  readonly body: Statement;
}

export interface ReturnStatement {
  readonly kind: "return";
  readonly loc: Loc;
  readonly value: Expression | null;
}

export interface GotoStatement {
  readonly kind: "goto";
  readonly loc: Loc;
  readonly label: string;
}

/**
 * `out_unlock:`. A label is its own statement, placed before the statement it labels in the
 * same statement list, so `goto` finds it by scanning the enclosing lists.
 */
export interface LabelStatement {
  readonly kind: "label";
  readonly loc: Loc;
  readonly name: string;
}

export interface BreakStatement {
  readonly kind: "break";
  readonly loc: Loc;
}

export interface ContinueStatement {
  readonly kind: "continue";
  readonly loc: Loc;
}

export interface EmptyStatement {
  readonly kind: "empty";
  readonly loc: Loc;
}

export type Statement =
  | Block
  | ExpressionStatement
  | Declaration
  | IfStatement
  | SwitchStatement
  | ForStatement
  | WhileStatement
  | DoStatement
  | MacroLoop
  | ReturnStatement
  | GotoStatement
  | LabelStatement
  | BreakStatement
  | ContinueStatement
  | EmptyStatement;

// ---------------------------------------------------------------------------------------------
// Top level

export interface Parameter {
  readonly loc: Loc;
  /** Null for an unnamed parameter (`int (*cb)(struct obj *, int)`). */
  readonly name: string | null;
  readonly type: TypeRef;
}

/**
 * An annotation the preprocessor stage removed before parsing (`__must_check`, `__init`,
 * `__acquires(x)`, `__releases(x)`, `__must_hold(x)`): `args` is the raw text between the
 * parentheses, null for a bare annotation.
 */
export interface Annotation {
  readonly loc: Loc;
  readonly name: string;
  readonly args: string | null;
}

export const STORAGE_CLASSES = ["static", "extern", "inline", "register", "auto", "thread_local"] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

/** What a definition and a prototype both say about a function. */
interface FunctionSignature {
  readonly loc: Loc;
  readonly name: string;
  readonly returnType: TypeRef;
  readonly parameters: readonly Parameter[];
  readonly variadic: boolean;
  readonly storage: readonly StorageClass[];
  readonly annotations: readonly Annotation[];
}

export interface FunctionDefinition extends FunctionSignature {
  readonly kind: "function";
  readonly body: Block;
}

/** A prototype: `static int f(struct obj *o);`, `void lock_it(struct mutex *m) __acquires(m);`. */
export interface FunctionDeclaration extends FunctionSignature {
  readonly kind: "function-declaration";
}

export interface StructField {
  readonly loc: Loc;
  readonly name: string;
  readonly type: TypeRef;
}

/**
 * `struct obj { struct mutex lock; int (*cb)(struct obj *); };` (or a union). Members of
 * anonymous inner structs and unions are listed as the outer struct's fields, as C reaches them.
 */
export interface StructDeclaration {
  readonly kind: "struct";
  readonly loc: Loc;
  readonly keyword: "struct" | "union";
  /** Null for an anonymous struct (`static struct { ... } x;`). */
  readonly tag: string | null;
  readonly fields: readonly StructField[];
}

export interface Enumerator {
  readonly loc: Loc;
  readonly name: string;
  readonly value: Expression | null;
}

export interface EnumDeclaration {
  readonly kind: "enum";
  readonly loc: Loc;
  readonly tag: string | null;
  readonly enumerators: readonly Enumerator[];
}

export interface TypedefDeclaration {
  readonly kind: "typedef";
  readonly loc: Loc;
  readonly name: string;
  readonly type: TypeRef;
}

/**
 * A global variable, one per declarator, placed at its name: `seqcount_t seq;`,
 * `static struct shrinker s = { .count_objects = f, ... };`,
 * `static struct lockdep_map m = STATIC_LOCKDEP_MAP_INIT("name", &key);`.
 */
export interface GlobalVariable {
  readonly kind: "variable";
  readonly loc: Loc;
  readonly name: string;
  readonly type: TypeRef;
  readonly init: Expression | null;
  readonly storage: readonly StorageClass[];
}

/**
 * A macro invoked at file scope: `DEFINE_MUTEX(x);`, `TASK(fn);`, `SHRINKER(a, b);`,
 * `static DECLARE_WORK(w, fn);` (`isStatic` true), `module_init(f);`.
 */
export interface TopLevelMacroCall {
  readonly kind: "macro-call";
  readonly loc: Loc;
  readonly call: CallExpression;
  readonly isStatic: boolean;
}

export type TopLevelItem =
  | FunctionDefinition
  | FunctionDeclaration
  | StructDeclaration
  | EnumDeclaration
  | TypedefDeclaration
  | GlobalVariable
  | TopLevelMacroCall;

// ---------------------------------------------------------------------------------------------
// Preprocessor results and the unit

/**
 * A `#define` in force at the end of the unit (after `#undef`s; a later definition replaces an
 * earlier one). Object-like macros are constants: `value` is the parsed replacement (null when
 * it is not an expression, e.g. `do { } while (0)`). Function-like macros are recorded, never
 * expanded: a call to one is an unknown call unless the interpreter gives it a meaning.
 */
export type MacroDefinition =
  | {
      readonly kind: "object";
      readonly loc: Loc;
      readonly name: string;
      readonly text: string;
      readonly value: Expression | null;
    }
  | {
      readonly kind: "function";
      readonly loc: Loc;
      readonly name: string;
      readonly parameters: readonly string[];
      readonly text: string;
    };

/** `// expect: KIND [LOCK...]` or `// expect: none`, from an active (not `#if`-ed out) line. */
export type Expectation =
  | { readonly kind: "none"; readonly loc: Loc }
  | {
      readonly kind: "finding";
      readonly loc: Loc;
      readonly findingKind: string;
      readonly locks: readonly string[];
    };

/** A scenario file and everything it includes, with top-level items in inclusion order. */
export interface TranslationUnit {
  /** The file parsed (as named by the caller). */
  readonly file: string;
  /** Every file read, the main file first, then includes in the order first included. */
  readonly files: readonly string[];
  readonly items: readonly TopLevelItem[];
  readonly macros: readonly MacroDefinition[];
  readonly expectations: readonly Expectation[];
}
