// Which fixes the editor may offer, decided without the editor: the findings under
// the cursor that carry a fix, several fixes merged into one edit without overlaps
// ("fix all"), and whether the text in the editor is still the text the findings
// were computed from (a fix applied to other text would edit the wrong place).
import * as crypto from 'node:crypto';
import type { Finding, Position, TextEdit, TextRange } from '../../operations/findings';

/** A finding with a fix. */
export type FixableFinding = Finding & { readonly fix: NonNullable<Finding['fix']> };

/** What identifies a finding among a document's diagnostics (the glue makes the same key of a vscode.Diagnostic). */
export function findingKey(operation: string, rule: string, range: TextRange, message: string): string {
  const { start, end } = range;
  return `${operation}\0${rule}\0${start.line}:${start.column}-${end.line}:${end.column}\0${message}`;
}

export function keyOfFinding(f: Finding): string {
  return findingKey(f.operation, f.rule, f.range, f.message);
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** Whether two ranges share a position (touching counts: a cursor just after a finding is on it). */
export function touches(a: TextRange, b: TextRange): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

/**
 * The fixable findings a quick fix may be offered for: those whose key is among
 * the diagnostics the editor passed (shown ones, under the cursor), in the
 * document's order.
 */
export function fixesFor(findings: readonly Finding[], diagnosticKeys: ReadonlySet<string>): FixableFinding[] {
  return findings.filter((f): f is FixableFinding => f.fix !== undefined && f.fix.edits.length > 0 && diagnosticKeys.has(keyOfFinding(f)));
}

export function fixable(findings: readonly Finding[]): FixableFinding[] {
  return findings.filter((f): f is FixableFinding => f.fix !== undefined && f.fix.edits.length > 0);
}

/**
 * Several fixes as one set of non-overlapping edits: fixes are taken in document
 * order and one whose edits overlap (or touch the same point as) an edit already
 * taken is left for the next run. Returns the edits, sorted, and the fixes taken.
 */
export function mergeFixes(findings: readonly FixableFinding[]): { edits: TextEdit[]; applied: FixableFinding[] } {
  const taken: TextEdit[] = [];
  const applied: FixableFinding[] = [];
  const sorted = [...findings].sort((a, b) => compare(a.range.start, b.range.start));
  for (const f of sorted) {
    if (f.fix.edits.some((e) => taken.some((t) => collide(e.range, t.range)))) continue;
    taken.push(...f.fix.edits);
    applied.push(f);
  }
  return { edits: taken.sort((a, b) => compare(a.range.start, b.range.start)), applied };
}

/** Overlap, or an insertion inside or at either end of another edit (their order would be ambiguous). */
function collide(a: TextRange, b: TextRange): boolean {
  const empty = (r: TextRange) => compare(r.start, r.end) === 0;
  if (empty(a) || empty(b)) return touches(a, b);
  return compare(a.start, b.end) < 0 && compare(b.start, a.end) < 0;
}

/**
 * Whether `text` (an editor's buffer) is the content an outcome was computed
 * from: its hash is the SHA-1 of the file's bytes (or of an unsaved buffer's
 * UTF-8). Tried as UTF-8, then UTF-8 with a byte order mark (which the editor
 * does not show). Any other encoding or line-ending change counts as different,
 * which is the safe answer: no fix is offered until the document is analysed again.
 */
export function sameContent(outcomeHash: string, text: string): boolean {
  const utf8 = Buffer.from(text, 'utf8');
  if (sha1(utf8) === outcomeHash) return true;
  return sha1(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])) === outcomeHash;
}

function sha1(bytes: Uint8Array): string {
  return crypto.createHash('sha1').update(bytes).digest('hex');
}
