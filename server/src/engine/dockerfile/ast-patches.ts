// Patches to dockerfile-ast's instruction prototypes, applied once when this module loads (model.ts imports
// it, so before any parse; ONBUILD triggers and instructions the incremental parser keeps share them).
import * as ast from 'dockerfile-ast';

// dockerfile-ast recomputes these from the text on every call (getKeyword upper-cases, getArguments
// re-reads the instruction); rules ask them many times. A parsed instruction never changes, so each is
// computed once. ONBUILD triggers are parsed on demand and memoised the same way.
const MEMOISED = ['getKeyword', 'getRawArguments', 'getOpeningBracket', 'getClosingBracket', 'getArguments', 'getArgumentsRange', 'getArgumentsRanges', 'getRawArgumentsContent',
  'getArgumentsContent', 'getFlags', 'getJSONStrings', 'getHeredocs', 'getVariables', 'getExpandedArguments',
  'getImage', 'getImageName', 'getImageTag', 'getImageDigest', 'getBuildStage', 'getImageRange', 'getProperties', 'getProperty'];

// The memo lives in one Map per instruction, keyed by the wrapped method (not its name: a subclass method
// that calls super.getArguments() must not get its own cached value back). Patched once, on the prototypes.
const MEMO = Symbol('shipshape.memo');

function patchPrototypes(): void {
  // dockerfile-ast drops an instruction's flags from its arguments with one args.shift() per flag: quadratic
  // (a 300 KB line of `--from=x` took 2 s). Same result, linear: one slice. (The constructors call it: this
  // module is loaded before the first parse.)
  const modifiable = (ast as unknown as { ModifiableInstruction?: { prototype: Record<string, unknown> } }).ModifiableInstruction?.prototype;
  const base = ast.Instruction.prototype as unknown as Record<string, (this: unknown) => unknown>;
  if (modifiable && Object.prototype.hasOwnProperty.call(modifiable, 'getArguments') && !(modifiable.getArguments as { [MEMO]?: boolean })[MEMO]) {
    modifiable.getArguments = function getArguments(this: { getFlags(): unknown[] }) {
      const args = base.getArguments.call(this) as unknown[];
      const flags = this.getFlags().length;
      return flags ? args.slice(flags) : args;
    };
  }
  // dockerfile-ast reads an instruction that spans lines with no escape before a line break (a lone CR
  // taken as one, a comment line inside a continuation) as heredoc bodies, then throws reading the heredoc
  // it has not got when no argument opens one (fuzz seed 202, input 476157). No `<<` argument, no heredoc.
  const heredocs = base.getHeredocs as ((this: unknown) => unknown) & { [MEMO]?: boolean };
  if (heredocs && !heredocs[MEMO]) {
    base.getHeredocs = function getHeredocs(this: unknown) {
      const args = (this as ast.Instruction).getArguments();
      return args.some(a => a.getValue().startsWith('<<')) ? heredocs.call(this) : [];
    };
  }
  // every instruction class of dockerfile-ast inherits from Instruction; walk all the classes it exports
  const classes = (Object.values(ast) as unknown[]).filter((c): c is { prototype: object } => typeof c === 'function' && !!(c as { prototype?: object }).prototype);
  for (const cls of classes) {
    const proto = cls.prototype as Record<string, unknown>;
    for (const name of [...MEMOISED, 'getTriggerInstruction']) {
      if (!Object.prototype.hasOwnProperty.call(proto, name)) continue;
      const original = proto[name];
      if (typeof original !== 'function' || (original as { [MEMO]?: boolean })[MEMO]) continue;
      const wrapped = function memoised(this: Record<symbol, Map<unknown, unknown>>, ...args: unknown[]) {
        if (args.length) return (original as (...a: unknown[]) => unknown).apply(this, args);
        const memo = (this[MEMO] ??= new Map());
        if (memo.has(wrapped)) return memo.get(wrapped);
        const value = (original as () => unknown).call(this);
        memo.set(wrapped, value);
        return value;
      };
      (wrapped as unknown as { [MEMO]: boolean })[MEMO] = true;
      proto[name] = wrapped;
    }
  }
}

patchPrototypes();
