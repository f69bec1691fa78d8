// The review operation: a language model reads each prose document (in parts that
// fit it) and answers findings as JSON; they become findings of operation
// `review`, with a fix replacing the line when the model gave a corrected line.
//
// Line numbers: each part's prompt numbers its lines as the document does, so an
// answer's line is a document line. A line outside the part the model was shown is
// dropped, and counted in the result's data (`outOfRange`): a finding on a line the
// model never saw cannot be trusted, and clamping it would point at the wrong line.
import type { HostDocument, HostOperation, HostResult } from '../../engine/host/host-operation';
import type { FileFilter } from '../file-filter';
import type { DocumentFinding, RuleInfo, Severity } from '../findings';
import { checkReviewAnswer, type ReviewAnswerFinding } from './answer';
import { dominantEol, lineRange, lineSpans, type LineSpan } from './lines';
import type { ChatModelPort } from './model';
import { defaultAnswerTokens, planParts, type PlannedPart } from './parts';
import { REVIEW_PROMPT_VERSION, REVIEW_RULE_IDS, reviewMessages, splitLines, type ReviewRuleId } from './prompt';
import { ModelOperationError, sendWithRetry, type ModelCallOptions } from './requests';

/** Prose files by extension: what review and enhance accept unless told otherwise. */
export const PROSE_FILES: FileFilter = ['.md', '.markdown', '.mdx', '.txt', '.text', '.rst', '.adoc', '.asciidoc', '.org', '.textile', '.wiki'];

export interface ModelOperationOptions extends ModelCallOptions {
  /** Requests in flight at once (default 2). */
  readonly concurrency?: number;
  /** Which files (default PROSE_FILES). */
  readonly accepts?: FileFilter;
  /** Tokens kept free for the answer (default: a quarter of maxInputTokens, at most 4096). */
  readonly answerTokens?: number;
}

export type ReviewOptions = ModelOperationOptions;

/** What a review result's data says beside its findings. */
export interface ReviewData {
  /** Requests the document took (one per part). */
  readonly parts: number;
  /** Findings dropped because their line was outside the part the model was shown. */
  readonly outOfRange: number;
}

const README = 'https://github.com/batch-operations/batch-operations/blob/main/README.md';

const RULE_TEXT: Record<ReviewRuleId, [string, string, Severity]> = {
  spelling: ['Spelling', 'A misspelt word.', 'warning'],
  grammar: ['Grammar', 'A grammatical mistake.', 'warning'],
  clarity: ['Clarity', 'A sentence that is hard to follow or ambiguous.', 'info'],
  style: ['Style', 'Wording that could be plainer, shorter or more consistent with the rest.', 'info'],
  consistency: ['Consistency', 'A term, spelling or form used differently elsewhere in the document.', 'info'],
  accuracy: ['Accuracy', 'A statement that looks wrong or contradicts the document.', 'warning'],
  other: ['Other', 'Anything else the model pointed out (its own label starts the message).', 'info'],
};

export const REVIEW_RULES: readonly RuleInfo[] = REVIEW_RULE_IDS.map((id) => {
  const [name, description, defaultSeverity] = RULE_TEXT[id];
  return { id, name, description, defaultSeverity, helpUri: `${README}#language-models-on-the-command-line` };
});

export function createReviewOperation(model: ChatModelPort, options: ReviewOptions = {}): HostOperation {
  const answerTokens = options.answerTokens ?? defaultAnswerTokens(model.info.maxInputTokens);
  return {
    id: 'review',
    version: 1,
    settings: { prompt: REVIEW_PROMPT_VERSION, model: model.info.id, maxInputTokens: model.info.maxInputTokens, answerTokens },
    accepts: options.accepts ?? PROSE_FILES,
    rules: REVIEW_RULES,
    concurrency: options.concurrency ?? 2,
    run: (doc, signal) => reviewDocument(model, doc, options, answerTokens, signal),
  };
}

async function reviewDocument(model: ChatModelPort, doc: HostDocument, options: ReviewOptions, answerTokens: number, signal: AbortSignal): Promise<HostResult> {
  const plan = await planParts(model, doc.text, (p) => reviewMessages(p, doc.path), answerTokens, signal);
  if (plan.kind === 'too-small') throw new ModelOperationError(plan.message, 'too-large');
  const spans = lineSpans(doc.text);
  const findings: DocumentFinding[] = [];
  let outOfRange = 0;
  for (const part of plan.parts) {
    const place = { operation: 'review' as const, path: doc.path, part: part.part, parts: part.parts, tokensIn: part.tokens };
    const answered = await sendWithRetry(model, part.messages, place, options, signal, (a) => checkReviewAnswer(a.text));
    for (const f of answered) {
      const finding = reviewFinding(f, part, spans);
      if (finding) findings.push(finding);
      else outOfRange++;
    }
  }
  const data: ReviewData = { parts: plan.parts.length, outOfRange };
  return { findings, data };
}

/** The answer's finding on the document, or undefined when its line is not one of the part's. */
export function reviewFinding(f: ReviewAnswerFinding, part: PlannedPart, spans: readonly LineSpan[]): DocumentFinding | undefined {
  // The lines the model was shown, numbered as the document numbers them.
  const lastLine = part.firstLine + Math.max(0, splitLines(part.text).length - 1);
  const span = spans[f.line - 1];
  if (!span || f.line < part.firstLine || f.line > lastLine) return undefined;
  const known = (REVIEW_RULE_IDS as readonly string[]).includes(f.rule.toLowerCase());
  const rule = known ? (f.rule.toLowerCase() as ReviewRuleId) : 'other';
  const message = known ? f.message : `${f.rule}: ${f.message}`;
  const range = lineRange(spans, f.line);
  // A fix only for a line the part holds whole: a corrected half line would drop the other half.
  const whole = span.start >= part.start && span.end <= part.end;
  if (f.replacement === undefined || !whole || f.replacement === part.text.slice(span.start - part.start, span.end - part.start)) {
    return { rule, severity: f.severity, message, range };
  }
  const newText = f.replacement.replace(/\r\n|\r|\n/g, dominantEol(spans));
  return { rule, severity: f.severity, message, range, fix: { description: `Replace line ${f.line} with the model's correction`, edits: [{ range, newText }] } };
}
