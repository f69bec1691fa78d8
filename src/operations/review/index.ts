// STAND-IN, branch `lmui` only: DROP AT MERGE in favour of the review engineer's
// real src/operations/review/. It exists so the editor glue (src/ui/lm/) can run
// in the integration tests before the real operations are merged; it offers the
// three names the glue codes against (createReviewOperation,
// createEnhanceOperation, estimateReview) with a deliberately small behaviour:
// - a document is cut by lines into parts that fit the model's maxInputTokens;
// - review asks for {"findings":[{"line","severity","message"}]} per part;
// - enhance asks for {"edits":[{"line","text"}]} (whole-line replacements);
// - an answer that is not that JSON fails the document (operation-error);
// - `blocked` backs off (retryAfterMs or 50 ms doubling) up to 3 times;
// - `no-permissions` / `not-found` call onStop and fail the document.
import type { DocumentFinding, Severity } from '../findings';
import type { HostDocument, HostOperation, HostResult } from '../../engine/host/host-operation';
import { ModelError, type ChatModelPort, type ModelRequestRecord } from './model';

export interface ReviewOptions {
  readonly concurrency?: number;
  readonly onStop?: (error: ModelError) => void;
  readonly onRequest?: (record: ModelRequestRecord) => void;
  readonly accepts?: readonly string[];
}

export interface EnhanceOptions extends ReviewOptions {
  readonly instruction: string;
}

export interface ReviewEstimate {
  readonly documents: number;
  readonly tokens: number;
  readonly requests: number;
  readonly largestRequestTokens: number;
  readonly fitsOneRequestEach: boolean;
}

const ACCEPTS = ['.md', '.markdown', '.txt', '.rst', '.adoc'];
const REVIEW_PROMPT =
  'Review the following document part for errors of fact, spelling, grammar and clarity. Answer only JSON: {"findings":[{"line":<1-based line in the part>,"severity":"error"|"warning"|"info","message":"..."}]}.';
const enhancePrompt = (instruction: string) =>
  `Instruction: ${instruction}\nApply the instruction to the following document part. Answer only JSON: {"edits":[{"line":<1-based line in the part>,"text":"<the whole new line>"}]}.`;

interface Part {
  readonly text: string;
  /** 0-based line of the document where the part starts. */
  readonly firstLine: number;
  readonly tokens: number;
}

async function partsOf(model: ChatModelPort, prompt: string, text: string, signal: AbortSignal): Promise<Part[]> {
  const promptTokens = await model.countTokens(prompt, signal);
  const budget = Math.max(16, model.info.maxInputTokens - promptTokens);
  const lines = text.split('\n');
  const parts: Part[] = [];
  let start = 0;
  let current: string[] = [];
  let tokens = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = await model.countTokens(lines[i]! + '\n', signal);
    if (current.length > 0 && tokens + t > budget) {
      parts.push({ text: current.join('\n'), firstLine: start, tokens: tokens + promptTokens });
      start = i;
      current = [];
      tokens = 0;
    }
    current.push(lines[i]!);
    tokens += t;
  }
  if (current.length > 0 || parts.length === 0) parts.push({ text: current.join('\n'), firstLine: start, tokens: tokens + promptTokens });
  return parts;
}

async function ask(model: ChatModelPort, operation: 'review' | 'enhance', prompt: string, doc: HostDocument, part: Part, index: number, parts: number, signal: AbortSignal, options: ReviewOptions): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const t0 = Date.now();
    const record = (outcome: ModelRequestRecord['outcome'], tokensOut = 0) =>
      options.onRequest?.({ operation, path: doc.path, part: index + 1, parts, tokensIn: part.tokens, tokensOut, ms: Date.now() - t0, outcome });
    try {
      const answer = await model.send([{ role: 'user', content: `${prompt}\n\n${part.text}` }], { signal, justification: `Batch Operations: ${operation} of the documents you chose` });
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        record('invalid-answer');
        throw new Error(`${operation}: the model's answer is not JSON`);
      }
      record('ok', answer.tokensOut ?? Math.ceil(answer.text.length / 4));
      return parsed;
    } catch (err) {
      if (!(err instanceof ModelError)) throw err;
      record(err.kind);
      if (err.kind === 'blocked' && attempt < 3) {
        await delay(err.retryAfterMs ?? 50 * 2 ** attempt, signal);
        continue;
      }
      if (err.kind === 'no-permissions' || err.kind === 'not-found') options.onStop?.(err);
      throw err;
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ModelError('cancelled', 'cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelError('cancelled', 'cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const SEVERITY: readonly Severity[] = ['error', 'warning', 'info'];

export function createReviewOperation(model: ChatModelPort, options: ReviewOptions = {}): HostOperation {
  return {
    id: 'review',
    version: 1,
    settings: { model: model.info.id },
    accepts: options.accepts ?? ACCEPTS,
    concurrency: options.concurrency ?? 2,
    rules: [{ id: 'review', name: 'Language model review', description: 'A problem the language model found.', defaultSeverity: 'warning' }],
    async run(doc, signal): Promise<HostResult> {
      const parts = await partsOf(model, REVIEW_PROMPT, doc.text, signal);
      const findings: DocumentFinding[] = [];
      for (let i = 0; i < parts.length; i++) {
        const answer = (await ask(model, 'review', REVIEW_PROMPT, doc, parts[i]!, i, parts.length, signal, options)) as { findings?: unknown };
        if (!answer || !Array.isArray(answer.findings)) throw new Error('review: the model\'s answer has no findings array');
        for (const f of answer.findings as { line?: unknown; severity?: unknown; message?: unknown }[]) {
          if (typeof f?.line !== 'number' || typeof f.message !== 'string') throw new Error('review: a finding of the model\'s answer is malformed');
          const line = parts[i]!.firstLine + Math.max(1, Math.floor(f.line));
          const severity = SEVERITY.includes(f.severity as Severity) ? (f.severity as Severity) : 'warning';
          findings.push({ rule: 'review', severity, message: f.message, range: { start: { line, column: 1 }, end: { line, column: 1 } } });
        }
      }
      return { findings };
    },
  };
}

export function createEnhanceOperation(model: ChatModelPort, options: EnhanceOptions): HostOperation {
  const prompt = enhancePrompt(options.instruction);
  return {
    id: 'enhance',
    version: 1,
    settings: { model: model.info.id, instruction: options.instruction },
    accepts: options.accepts ?? ACCEPTS,
    concurrency: options.concurrency ?? 2,
    rules: [{ id: 'enhance', name: 'Language model suggestion', description: 'A change the language model suggests.', defaultSeverity: 'info' }],
    async run(doc, signal): Promise<HostResult> {
      const lines = doc.text.split('\n');
      const parts = await partsOf(model, prompt, doc.text, signal);
      const findings: DocumentFinding[] = [];
      for (let i = 0; i < parts.length; i++) {
        const answer = (await ask(model, 'enhance', prompt, doc, parts[i]!, i, parts.length, signal, options)) as { edits?: unknown };
        if (!answer || !Array.isArray(answer.edits)) throw new Error('enhance: the model\'s answer has no edits array');
        for (const e of answer.edits as { line?: unknown; text?: unknown }[]) {
          if (typeof e?.line !== 'number' || typeof e.text !== 'string') throw new Error('enhance: an edit of the model\'s answer is malformed');
          const line = parts[i]!.firstLine + Math.max(1, Math.floor(e.line));
          const old = lines[line - 1];
          if (old === undefined || old === e.text) continue;
          const range = { start: { line, column: 1 }, end: { line, column: old.length + 1 } };
          findings.push({ rule: 'enhance', severity: 'info', message: `${options.instruction}: "${e.text}"`, range, fix: { description: options.instruction, edits: [{ range, newText: e.text }] } });
        }
      }
      return { findings };
    },
  };
}

export async function estimateReview(model: ChatModelPort, documents: readonly { path: string; text: string }[], signal: AbortSignal): Promise<ReviewEstimate> {
  let tokens = 0;
  let requests = 0;
  let largest = 0;
  for (const d of documents) {
    const parts = await partsOf(model, REVIEW_PROMPT, d.text, signal);
    requests += parts.length;
    for (const p of parts) {
      tokens += p.tokens;
      largest = Math.max(largest, p.tokens);
    }
  }
  return { documents: documents.length, tokens, requests, largestRequestTokens: largest, fitsOneRequestEach: requests === documents.length };
}
