// One request to the model as review and enhance make it: retried with
// exponential back-off while the model is `blocked` (honouring its Retry-After),
// a couple of times on a `connection` failure, and not at all otherwise. A
// `no-permissions` or `not-found` answer stops the whole run through onStop.
// Waiting happens on an injectable clock (tests use fake time) and ends at once
// when the run is cancelled; a cancelled run starts no further request. Every
// attempt is logged through onRequest, without any content.
import { abortError, systemClock, type Clock } from '../../engine/host/rate-limit';
import type { Checked } from './answer';
import { ModelError, type ChatAnswer, type ChatMessage, type ChatModelPort, type ModelErrorKind, type ModelRequestRecord } from './model';

export interface RetryPolicy {
  /** Retries after `blocked` (default 4). */
  readonly blockedRetries: number;
  /** Retries after `connection` (default 2). */
  readonly connectionRetries: number;
  /** First back-off, doubled on each retry (default 1000 ms). */
  readonly baseDelayMs: number;
  /** No back-off is longer, Retry-After included (default 60 s). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { blockedRetries: 4, connectionRetries: 2, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** What review and enhance share: their hooks, clock and retry policy. */
export interface ModelCallOptions {
  /** Called on `no-permissions` or `not-found`: the caller cancels the run and tells the user what to do. May be called more than once. */
  readonly onStop?: (error: ModelError) => void;
  /** One record per request sent (retries included): never content. */
  readonly onRequest?: (record: ModelRequestRecord) => void;
  /** Time for back-off and the log's durations (default: the system clock). */
  readonly clock?: Clock;
  readonly retry?: Partial<RetryPolicy>;
  /** Shown by VS Code's consent dialog. */
  readonly justification?: string;
}

/** Where a request belongs, for its log record. */
export interface RequestPlace {
  readonly operation: ModelRequestRecord['operation'];
  readonly path: string;
  readonly part: number;
  readonly parts: number;
  /** The prompt's tokens, as counted when the parts were planned. */
  readonly tokensIn: number;
}

/** Why a document failed: what the HostExecutor reports as its operation-error message. */
export class ModelOperationError extends Error {
  constructor(
    message: string,
    readonly kind: ModelErrorKind | 'invalid-answer' | 'too-large',
  ) {
    super(message);
    // The HostExecutor writes "<op>: <name>: <message>".
    this.name = kind === 'invalid-answer' ? 'invalid answer' : kind === 'too-large' ? 'too large' : `model ${kind}`;
  }
}

const STOPS: readonly ModelErrorKind[] = ['no-permissions', 'not-found'];

/**
 * The checked answer to one prompt, after the retries the policy allows; throws
 * ModelOperationError (an answer that fails `check` too: it is not retried), or
 * the abort reason when cancelled. One log record per request sent.
 */
export async function sendWithRetry<T>(
  model: ChatModelPort,
  messages: readonly ChatMessage[],
  place: RequestPlace,
  options: ModelCallOptions,
  signal: AbortSignal,
  check: (answer: ChatAnswer) => Checked<T>,
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const justification = options.justification ?? `Batch Operations sends the document to the model for the ${place.operation} operation.`;
  let blocked = 0;
  let dropped = 0;
  for (;;) {
    if (signal.aborted) throw abortError(signal);
    const started = clock.now();
    const log = (outcome: ModelRequestRecord['outcome'], tokensOut = 0, tokensIn = place.tokensIn) =>
      options.onRequest?.({ operation: place.operation, path: place.path, part: place.part, parts: place.parts, tokensIn, tokensOut, ms: Math.max(0, clock.now() - started), outcome });
    let answer: ChatAnswer | undefined;
    let error: ModelError | undefined;
    try {
      answer = await model.send(messages, { signal, justification });
    } catch (err) {
      error = signal.aborted ? new ModelError('cancelled', 'cancelled') : asModelError(err);
    }
    if (answer) {
      const text = answer.text;
      const tokensOut = answer.tokensOut ?? (await model.countTokens(text, signal).catch(() => Math.ceil(text.length / 4)));
      const checked = check(answer);
      log(checked.kind === 'ok' ? 'ok' : 'invalid-answer', tokensOut, answer.tokensIn ?? place.tokensIn);
      if (checked.kind === 'ok') return checked.value;
      const of = place.parts > 1 ? ` (part ${place.part} of ${place.parts})` : '';
      throw new ModelOperationError(`the model's answer was not the JSON asked for: ${checked.problem}${of}`, 'invalid-answer');
    }
    error ??= new ModelError('other', 'no answer');
    log(error.kind);
    if (error.kind === 'cancelled') throw signal.aborted ? abortError(signal) : new ModelOperationError(`the request was cancelled: ${error.message}`, 'cancelled');
    if (STOPS.includes(error.kind)) {
      options.onStop?.(error);
      throw new ModelOperationError(stopAdvice(error), error.kind);
    }
    let delay: number;
    if (error.kind === 'blocked' && blocked < policy.blockedRetries) {
      delay = Math.max(error.retryAfterMs ?? 0, policy.baseDelayMs * 2 ** blocked);
      blocked++;
    } else if (error.kind === 'connection' && dropped < policy.connectionRetries) {
      delay = (policy.baseDelayMs / 2) * 2 ** dropped;
      dropped++;
    } else {
      const tries = error.kind === 'blocked' ? ` after ${blocked + 1} tries` : error.kind === 'connection' ? ` after ${dropped + 1} tries` : '';
      throw new ModelOperationError(`${error.message}${tries}`, error.kind);
    }
    await clock.wait(Math.min(delay, policy.maxDelayMs), signal);
  }
}

/** What a stop tells the user to do. */
export function stopAdvice(error: ModelError): string {
  return error.kind === 'not-found'
    ? `the model was not found (${error.message}): choose another model`
    : `the model refused the request (${error.message}): check the key or allow this extension to use the model`;
}

function asModelError(err: unknown): ModelError {
  if (err instanceof ModelError) return err;
  return new ModelError('other', err instanceof Error ? err.message : String(err));
}
