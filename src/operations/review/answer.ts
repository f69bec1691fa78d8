// The model's answers, checked strictly: a JSON object of the shape the prompt
// asked for (a ```json fence around it is tolerated, nothing else). Properties
// the shape does not name are ignored; a missing or mistyped one makes the whole
// answer invalid, and the document fails with what was wrong: never a crash,
// never findings silently dropped.
import type { Severity } from '../findings';

export interface ReviewAnswerFinding {
  readonly rule: string;
  readonly severity: Severity;
  /** As the model gave it: a document line number (checked against the part by the caller). */
  readonly line: number;
  readonly message: string;
  readonly replacement?: string;
}

export type Checked<T> = { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'invalid'; readonly problem: string };

const SEVERITY_VALUES: readonly string[] = ['error', 'warning', 'info'];

/** The JSON of an answer: the text itself, or the inside of one ``` fence (```json or bare) that is the whole answer. */
export function parseAnswerJson(text: string): Checked<unknown> {
  let body = text.trim();
  const fence = /^```[A-Za-z]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/.exec(body);
  if (fence) body = fence[1]!.trim();
  if (body === '') return invalid('the answer is empty');
  try {
    return { kind: 'ok', value: JSON.parse(body) as unknown };
  } catch (err) {
    return invalid(`it does not parse (${(err as Error).message}); it begins ${quote(body)}`);
  }
}

/** `{"findings":[…]}` as the review prompt asks. */
export function checkReviewAnswer(text: string): Checked<ReviewAnswerFinding[]> {
  const parsed = parseAnswerJson(text);
  if (parsed.kind === 'invalid') return parsed;
  const v = parsed.value;
  if (!isObject(v)) return invalid(`it is ${describe(v)}, not an object with "findings"`);
  if (!Array.isArray(v.findings)) return invalid(`"findings" is ${describe(v.findings)}, not an array`);
  const out: ReviewAnswerFinding[] = [];
  for (let i = 0; i < v.findings.length; i++) {
    const f: unknown = v.findings[i];
    const at = `findings[${i}]`;
    if (!isObject(f)) return invalid(`${at} is ${describe(f)}, not an object`);
    if (typeof f.rule !== 'string' || f.rule.trim() === '') return invalid(`${at}.rule is ${describe(f.rule)}, not a non-empty string`);
    if (typeof f.severity !== 'string' || !SEVERITY_VALUES.includes(f.severity)) return invalid(`${at}.severity is ${describe(f.severity)}, not "error", "warning" or "info"`);
    if (typeof f.line !== 'number' || !Number.isSafeInteger(f.line) || f.line < 1) return invalid(`${at}.line is ${describe(f.line)}, not a line number`);
    if (typeof f.message !== 'string' || f.message.trim() === '') return invalid(`${at}.message is ${describe(f.message)}, not a non-empty string`);
    if (f.replacement !== undefined && f.replacement !== null && typeof f.replacement !== 'string') return invalid(`${at}.replacement is ${describe(f.replacement)}, not a string`);
    out.push({
      rule: f.rule.trim(),
      severity: f.severity as Severity,
      line: f.line,
      message: f.message.trim(),
      ...(typeof f.replacement === 'string' ? { replacement: f.replacement } : {}),
    });
  }
  return { kind: 'ok', value: out };
}

/** `{"text":"…"}` as the enhance prompt asks. */
export function checkEnhanceAnswer(text: string): Checked<string> {
  const parsed = parseAnswerJson(text);
  if (parsed.kind === 'invalid') return parsed;
  const v = parsed.value;
  if (!isObject(v)) return invalid(`it is ${describe(v)}, not an object with "text"`);
  if (typeof v.text !== 'string') return invalid(`"text" is ${describe(v.text)}, not a string`);
  return { kind: 'ok', value: v.text };
}

function invalid(problem: string): { kind: 'invalid'; problem: string } {
  return { kind: 'invalid', problem };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** At most 40 characters of s, as JSON (control characters escaped). */
function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}
