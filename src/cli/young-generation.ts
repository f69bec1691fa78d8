// Imported first by the command line (src/cli.ts), for its side effect: V8's young
// generation stays at its initial size instead of doubling up to 16 MiB per semi-space.
//
// Why: a batch run keeps most of what it allocates (a result per document), so the
// young generation's survival rate is high and V8 grows it to its maximum, which is
// 30+ MiB of RSS that a warm run over tldr never needed (peak 168 -> 140 MiB, same
// time; measured by bench/whole-run.mjs). `--max-semi-space-size` would do the same
// but only on the node command line, which the user types, not us; the growth factor
// is read each time V8 grows the space, so setting it from here takes effect.
//
// Only the command line does this: V8 flags are process-wide, and the extension host
// is shared with every other extension.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
