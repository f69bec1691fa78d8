// A document's markdownlint fixes applied to its text, byte for byte as
// markdownlint's applyFixes (what `markdownlint-cli2 --fix` writes), and the
// unified diff `--fix --dry-run` prints. Pure: the caller writes the text.
import { createTwoFilesPatch } from 'diff';
import type { DocumentFinding, TextEdit } from '../findings';
import { applyEdits } from '../edits';
import { preferredLineEnding } from './library';

const BOM = '\uFEFF';

/**
 * `text` with the fixes of `findings` applied. As applyFixes does whenever a
 * document has a fix, every line ending becomes the document's most frequent
 * one (LF on a tie; see preferredLineEnding); a final newline stays as it was
 * unless a fix changes it. A byte-order mark is kept and is not part of the
 * findings' coordinates (markdownlint lints the text without it).
 *
 * One deliberate difference: markdownlint-cli2 --fix hands applyFixes the text
 * with its byte-order mark, so a fix on line 1 of such a file lands one column
 * early; here it lands where markdownlint reported it.
 */
export function applyLintFixes(text: string, findings: readonly Pick<DocumentFinding, 'fix'>[]): string {
  const edits: TextEdit[] = [];
  for (const f of findings) if (f.fix) edits.push(...f.fix.edits);
  if (edits.length === 0) return text;
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const ending = preferredLineEnding(body);
  // Endings first: positions are lines and columns, which this keeps, and a CR left
  // before an inserted LF must not pair up with it.
  return bom + applyEdits(body.replace(/\r\n?|\n/g, ending), edits);
}

/** A unified diff of a document before and after its fixes (empty when they are equal). */
export function fixDiff(displayPath: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context: 3 });
}
