// How eagerly V8 optimises, for the CLI and the language server alike. Imported first by their main.ts, so
// it applies before any other code of the bundle runs.
//
// V8 recompiles every function that has run a little while with its optimising compiler (TurboFan), on a
// background thread whose CPU time and memory are the process's too; much of that work never pays off here.
// Waiting eight times longer before a function counts as hot keeps the compilations that pay off (the
// hottest functions of a long scan or a typing session still get there) and drops most of the others.
// Measured on 2 shared cores (medians):
//  - CLI: linting one 50-service compose file had TurboFan compile 30 functions (the YAML lexer and parser
//    above all) for more instructions than the YAML parse itself; a scan of 1,000 small files ran 340
//    compilations. Now 1 and 144: about −20 % wall and CPU for the compose file, −15 % CPU for the scan.
//  - Language server: peak RSS with 100 open Dockerfiles 86.5 → 78.8 MB (the compiler's zone memory and the
//    code it makes), open → diagnostics ~10–30 % faster at 10–100 instructions (no compilations competing
//    for the two cores), warm keystrokes within ±5 % (300-keystroke runs through bench/lsp-client.mjs).
// Nothing either computes depends on it.
import { setFlagsFromString } from 'v8';

/** V8's default interrupt budget (V8 11, Node 20) times eight. */
const INTERRUPT_BUDGET = 8 * 67584;

// Only on the V8 the setting was measured on (Node 20's V8 11): the flag name belongs to V8, which prints
// an error for a flag it does not know. And never over a budget the user chose (node --interrupt-budget=…).
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some(a => a.includes('interrupt-budget'));
if (/^11\./.test(process.versions.v8) && !chosen) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
