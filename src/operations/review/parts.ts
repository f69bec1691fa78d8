// A document cut into parts whose prompts fit the model: one part when the whole
// prompt fits maxInputTokens less the room kept for the answer, else parts cut by
// the engine's chunker at natural breaks (blank lines, line ends, sentence ends),
// smaller and smaller until every part's prompt, counted by the model, fits.
import { chunkText } from '../../engine/process/chunk';
import type { ChatMessage, ChatModelPort } from './model';
import { promptText, type PromptPart } from './prompt';

/** One request's worth of a document. */
export interface PlannedPart extends PromptPart {
  /** Offsets (UTF-16) of the part in the document: parts tile it. */
  readonly start: number;
  readonly end: number;
  readonly messages: readonly ChatMessage[];
  /** The prompt's tokens, as the model counts them. */
  readonly tokens: number;
}

export type PartsPlan =
  | { readonly kind: 'ok'; readonly parts: readonly PlannedPart[] }
  /** Not even a small part fits beside the prompt's instructions. */
  | { readonly kind: 'too-small'; readonly message: string };

/** Builds a part's messages (review's or enhance's prompt). */
export type PromptBuilder = (part: PromptPart) => ChatMessage[];

/** Room kept for the answer: a quarter of the model's input, at most 4096 tokens. */
export function defaultAnswerTokens(maxInputTokens: number): number {
  return Math.min(4096, Math.floor(maxInputTokens / 4));
}

/** The smallest part worth sending, in characters (the chunker's own minimum is 16). */
const MIN_PART_CHARS = 64;
/** Each retry of a part that did not fit cuts parts this much smaller. */
const SHRINK = 0.7;

export async function planParts(model: ChatModelPort, text: string, build: PromptBuilder, answerTokens: number, signal: AbortSignal): Promise<PartsPlan> {
  const budget = model.info.maxInputTokens - answerTokens;
  const whole = await measured(model, [{ text, start: 0, end: text.length, firstLine: 1 }], build, signal);
  if (whole[0]!.tokens <= budget) return { kind: 'ok', parts: whole };
  // Tokens the instructions take alone, and characters a token holds in this document.
  const bare = await model.countTokens(promptText(build({ text: '', firstLine: 1, part: 1, parts: 1 })), signal);
  const room = budget - bare;
  const charsPerToken = text.length / Math.max(1, whole[0]!.tokens - bare);
  let maxChars = Math.floor(room * charsPerToken * 0.9);
  for (;;) {
    if (room <= 0 || maxChars < MIN_PART_CHARS) {
      return {
        kind: 'too-small',
        message: `the model takes ${model.info.maxInputTokens} tokens a request; with ${answerTokens} kept for the answer and ${bare} for the instructions, no part of the document fits`,
      };
    }
    const pieces = chunkText(text, { maxChars, overlap: 0 }).filter((c) => c.text.length > 0 || text.length === 0);
    const parts = await measured(
      model,
      pieces.map((c) => ({ text: c.text, start: c.start, end: c.end, firstLine: c.line })),
      build,
      signal,
    );
    if (parts.every((p) => p.tokens <= budget)) return { kind: 'ok', parts };
    maxChars = Math.floor(maxChars * SHRINK);
  }
}

async function measured(
  model: ChatModelPort,
  pieces: readonly { text: string; start: number; end: number; firstLine: number }[],
  build: PromptBuilder,
  signal: AbortSignal,
): Promise<PlannedPart[]> {
  const out: PlannedPart[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = { ...pieces[i]!, part: i + 1, parts: pieces.length };
    const messages = build(p);
    out.push({ ...p, messages, tokens: await model.countTokens(promptText(messages), signal) });
  }
  return out;
}
