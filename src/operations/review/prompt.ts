// The prompts review and enhance send, one per part of a document. Review sees
// the part's lines numbered as they are numbered in the whole document, so the
// line numbers of its answer need no mapping beyond a range check; enhance sees
// the part's text as it is and answers it edited.
import type { ChatMessage } from './model';

/** Bump when a prompt or the answer shape changes: it is part of every cached result's key. */
export const REVIEW_PROMPT_VERSION = 1;
export const ENHANCE_PROMPT_VERSION = 1;

/** The rule ids review asks the model to use (anything else becomes `other`, its label kept in the message). */
export const REVIEW_RULE_IDS = ['spelling', 'grammar', 'clarity', 'style', 'consistency', 'accuracy', 'other'] as const;
export type ReviewRuleId = (typeof REVIEW_RULE_IDS)[number];

/** One part of a document as a prompt shows it. */
export interface PromptPart {
  /** The part's text (its own characters: parts tile the document). */
  readonly text: string;
  /** 1-based line number of the part's first line in the document. */
  readonly firstLine: number;
  /** Which part (1-based) of how many. */
  readonly part: number;
  readonly parts: number;
}

/** The part's lines, each prefixed by its document line number: "12| text". */
export function numberedLines(text: string, firstLine: number): string {
  const lines = splitLines(text);
  return lines.map((l, i) => `${firstLine + i}| ${l}`).join('\n');
}

/** Lines without their endings; a final line ending adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/(?:\r\n|\r|\n)$/.test(text)) lines.pop();
  return lines;
}

function where(p: PromptPart, path: string): string {
  const lastLine = p.firstLine + Math.max(0, splitLines(p.text).length - 1);
  const of = p.parts > 1 ? ` This is part ${p.part} of ${p.parts} of the document: lines ${p.firstLine} to ${lastLine}.` : '';
  return `Document: ${path}.${of}`;
}

export function reviewMessages(p: PromptPart, path: string): ChatMessage[] {
  const content = [
    'You review prose documents for problems a careful editor would point out: spelling, grammar, unclear sentences, style, inconsistent terms, statements that look wrong.',
    'Answer with JSON only, exactly this shape, and nothing before or after it:',
    '{"findings":[{"rule":string,"severity":"error"|"warning"|"info","line":number,"message":string,"replacement":string}]}',
    `- rule: one of ${REVIEW_RULE_IDS.map((r) => `"${r}"`).join(', ')}.`,
    '- line: the number shown before the line (the text after "| " is the line).',
    '- message: one sentence saying what is wrong and what to do.',
    '- replacement: optional; the whole corrected text of that line, without its line number.',
    'Report nothing that is fine as it is; {"findings":[]} when there is nothing to report.',
    where(p, path),
    '',
    numberedLines(p.text, p.firstLine),
  ].join('\n');
  return [{ role: 'user', content }];
}

export function enhanceMessages(p: PromptPart, path: string, instruction: string): ChatMessage[] {
  const content = [
    'You edit a document as the instruction below asks, changing nothing else: keep every line that needs no change exactly as it is, keep the markup.',
    'Answer with JSON only, exactly this shape, and nothing before or after it:',
    '{"text":string}',
    '- text: the whole text below, edited.',
    `Instruction: ${instruction}`,
    where(p, path),
    'The text:',
    p.text,
  ].join('\n');
  return [{ role: 'user', content }];
}

/** A prompt's text as a whole, for counting its tokens. */
export function promptText(messages: readonly ChatMessage[]): string {
  return messages.map((m) => m.content).join('\n');
}
