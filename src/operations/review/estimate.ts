// What a review would send, for the confirmation the editor shows before anything
// is sent: documents, tokens, requests. Counting only: no request is made.
import type { ChatModelPort } from './model';
import { defaultAnswerTokens, planParts } from './parts';
import { reviewMessages } from './prompt';

export interface ReviewEstimate {
  readonly documents: number;
  /** Prompt tokens of every request together. */
  readonly tokens: number;
  readonly requests: number;
  readonly largestRequestTokens: number;
  /** True when every document fits one request. */
  readonly fitsOneRequestEach: boolean;
  /** Documents that fit no request at all (the model's input is too small for the instructions): they would fail. */
  readonly tooLarge: number;
}

export interface EstimateOptions {
  /** As the review operation's option (default: a quarter of maxInputTokens, at most 4096). */
  readonly answerTokens?: number;
}

export async function estimateReview(
  model: ChatModelPort,
  documents: readonly { readonly path: string; readonly text: string }[],
  signal: AbortSignal,
  options: EstimateOptions = {},
): Promise<ReviewEstimate> {
  const answerTokens = options.answerTokens ?? defaultAnswerTokens(model.info.maxInputTokens);
  let tokens = 0;
  let requests = 0;
  let largest = 0;
  let tooLarge = 0;
  let oneEach = true;
  for (const doc of documents) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
    const plan = await planParts(model, doc.text, (p) => reviewMessages(p, doc.path), answerTokens, signal);
    if (plan.kind === 'too-small') {
      tooLarge++;
      oneEach = false;
      continue;
    }
    if (plan.parts.length > 1) oneEach = false;
    for (const part of plan.parts) {
      tokens += part.tokens;
      requests++;
      largest = Math.max(largest, part.tokens);
    }
  }
  return { documents: documents.length, tokens, requests, largestRequestTokens: largest, fitsOneRequestEach: oneEach, tooLarge };
}
