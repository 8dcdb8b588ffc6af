// How eagerly V8 optimises, for a process that lives a few seconds at most. Imported first by main.ts, so it
// applies before any other code of the bundle runs.
//
// V8 is tuned for long-running programs: it recompiles every function that has run a little while with its
// optimising compiler (TurboFan), on a background thread whose CPU time is the process's too. In a CLI run
// most of that work never pays off. Linting one 50-service compose file had TurboFan compile 30 functions
// (the YAML lexer and parser above all) for more instructions than the YAML parse itself; a scan of 1,000
// small files ran 340 TurboFan compilations. Waiting eight times longer before a function counts as hot
// keeps the compilations that pay off (the hottest functions of a long scan still get there) and drops most
// of the others: 1 and 144 compilations. Measured on 2 shared cores (medians): about −20 % wall and CPU for
// the compose file, −15 % CPU for the scan. Nothing the CLI computes depends on it.
import { setFlagsFromString } from 'v8';

/** V8's default interrupt budget (V8 11, Node 20) times eight. */
const INTERRUPT_BUDGET = 8 * 67584;

// Only on the V8 the setting was measured on (Node 20's V8 11): the flag name belongs to V8, which prints
// an error for a flag it does not know. And never over a budget the user chose (node --interrupt-budget=…).
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some(a => a.includes('interrupt-budget'));
if (/^11\./.test(process.versions.v8) && !chosen) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
