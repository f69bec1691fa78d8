// The enhance operation: a language model edits each prose document as an
// instruction asks ("use British spelling"); the operation writes nothing. The
// model answers each part's text edited, whole; a line-wise diff against the part
// turns that into the smallest edits, one finding (rule `edit`) with a fix per run
// of changed lines, which the editor or `--fix` apply through the fix machinery.
import { diffArrays } from 'diff';
import type { HostDocument, HostOperation, HostResult } from '../../engine/host/host-operation';
import type { DocumentFinding, Position, RuleInfo } from '../findings';
import { checkEnhanceAnswer } from './answer';
import { dominantEol, lineSpans, type LineSpan } from './lines';
import type { ChatModelPort } from './model';
import { defaultAnswerTokens, planParts } from './parts';
import { ENHANCE_PROMPT_VERSION, enhanceMessages } from './prompt';
import { ModelOperationError, sendWithRetry } from './requests';
import { PROSE_FILES, type ModelOperationOptions } from './review';

export interface EnhanceOptions extends ModelOperationOptions {
  /** What to do to every document (part of the cache key). */
  readonly instruction: string;
}

export const ENHANCE_RULES: readonly RuleInfo[] = [
  {
    id: 'edit',
    name: 'Proposed edit',
    description: 'A change the model proposes for the instruction given; its fix applies it.',
    defaultSeverity: 'info',
    helpUri: 'https://github.com/batch-operations/batch-operations/blob/main/README.md#language-models-on-the-command-line',
  },
];

export function createEnhanceOperation(model: ChatModelPort, options: EnhanceOptions): HostOperation {
  const instruction = options.instruction.trim();
  if (instruction === '') throw new Error('enhance needs an instruction');
  const answerTokens = options.answerTokens ?? defaultAnswerTokens(model.info.maxInputTokens);
  return {
    id: 'enhance',
    version: 1,
    settings: { prompt: ENHANCE_PROMPT_VERSION, model: model.info.id, maxInputTokens: model.info.maxInputTokens, answerTokens, instruction },
    accepts: options.accepts ?? PROSE_FILES,
    rules: ENHANCE_RULES,
    concurrency: options.concurrency ?? 2,
    run: (doc, signal) => enhanceDocument(model, doc, { ...options, instruction }, answerTokens, signal),
  };
}

async function enhanceDocument(model: ChatModelPort, doc: HostDocument, options: EnhanceOptions, answerTokens: number, signal: AbortSignal): Promise<HostResult> {
  const plan = await planParts(model, doc.text, (p) => enhanceMessages(p, doc.path, options.instruction), answerTokens, signal);
  if (plan.kind === 'too-small') throw new ModelOperationError(plan.message, 'too-large');
  const spans = lineSpans(doc.text);
  const findings: DocumentFinding[] = [];
  for (const part of plan.parts) {
    const place = { operation: 'enhance' as const, path: doc.path, part: part.part, parts: part.parts, tokensIn: part.tokens };
    const edited = await sendWithRetry(model, part.messages, place, options, signal, (a) => {
      const checked = checkEnhanceAnswer(a.text);
      return checked.kind === 'ok' && checked.value.trim() === '' && part.text.trim() !== '' ? { kind: 'invalid', problem: '"text" is empty' } : checked;
    });
    for (const edit of lineEdits(part.text, edited)) {
      const start = positionOf(spans, part.start + edit.start);
      const end = positionOf(spans, part.start + edit.end);
      const lines = start.line === end.line || (end.column === 1 && end.line === start.line + 1) ? `line ${start.line}` : `lines ${start.line}–${end.column === 1 ? end.line - 1 : end.line}`;
      findings.push({
        rule: 'edit',
        severity: 'info',
        message: `Proposed edit of ${lines}: ${brief(options.instruction)}`,
        range: { start, end },
        fix: { description: `Apply the model's edit of ${lines}`, edits: [{ range: { start, end }, newText: edit.newText }] },
      });
    }
  }
  return { findings, data: { parts: plan.parts.length, edits: findings.length } };
}

/** A replacement of [start, end) of the original text (offsets) by newText. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The smallest line-wise edits that turn `before` into `after`: each run of
 * changed lines is one edit. New lines take before's most frequent line ending;
 * a final line break is kept as before has it, whatever the model did with it.
 */
export function lineEdits(before: string, after: string): OffsetEdit[] {
  const spans = before === '' ? [] : lineSpans(before);
  const eol = dominantEol(spans);
  const endsWithBreak = /(?:\r\n|\r|\n)$/.test(before);
  const oldLines = spans.map((s) => before.slice(s.start, s.end));
  const newLines = splitAfter(after);
  const edits: OffsetEdit[] = [];
  let i = 0;
  const changes = diffArrays(oldLines, newLines);
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c]!;
    if (!change.added && !change.removed) {
      i += change.count ?? change.value.length;
      continue;
    }
    // A run of changes: removed lines [i, i + removed), added lines `added`.
    let removed = 0;
    const added: string[] = [];
    for (; c < changes.length && (changes[c]!.added || changes[c]!.removed); c++) {
      if (changes[c]!.removed) removed += changes[c]!.value.length;
      else added.push(...(changes[c]!.value as string[]));
    }
    c--;
    edits.push(runEdit(spans, i, removed, added, eol, endsWithBreak, before.length));
    i += removed;
  }
  return edits;
}

function runEdit(spans: readonly LineSpan[], i: number, removed: number, added: readonly string[], eol: string, endsWithBreak: boolean, length: number): OffsetEdit {
  const n = spans.length;
  if (removed > 0 && added.length > 0) return { start: spans[i]!.start, end: spans[i + removed - 1]!.end, newText: added.join(eol) };
  if (removed > 0) {
    const last = spans[i + removed - 1]!;
    // Whole lines with their endings; a last line without one goes with the ending before it.
    if (last.eol !== '' || i === 0) return { start: spans[i]!.start, end: last.end + last.eol.length, newText: '' };
    return { start: spans[i - 1]!.end, end: last.end, newText: '' };
  }
  if (i < n) return { start: spans[i]!.start, end: spans[i]!.start, newText: added.join(eol) + eol };
  // Appended after the last line.
  if (n === 0) return { start: 0, end: 0, newText: added.join(eol) + (endsWithBreak ? eol : '') };
  if (endsWithBreak) return { start: length, end: length, newText: added.join(eol) + eol };
  return { start: length, end: length, newText: eol + added.join(eol) };
}

/** after's lines; its final line break (present or not) does not count as a line. */
function splitAfter(after: string): string[] {
  if (after === '') return [];
  const lines = after.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The position of a document offset (an offset in a line ending is the next line's start). */
function positionOf(spans: readonly LineSpan[], offset: number): Position {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = spans[lo]!;
  if (offset > s.end) return { line: lo + 2, column: 1 };
  return { line: lo + 1, column: offset - s.start + 1 };
}

function brief(instruction: string): string {
  const one = instruction.replace(/\s+/g, ' ');
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}
