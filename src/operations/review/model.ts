// The seam between the language-model operations (review, enhance) and whatever
// answers them: VS Code's `vscode.lm` in the editor (src/ui/lm/), an
// OpenAI-compatible chat endpoint on the command line (src/cli/), a fake in tests.
// Nothing here imports `vscode`: the operations are plain engine code.

/** What the confirmation shows and what results are cached under. */
export interface ChatModelInfo {
  /** Stable id of the model (part of every cached result's key). */
  readonly id: string;
  readonly vendor: string;
  readonly family: string;
  /** For people: "GPT-4o (copilot)". */
  readonly name: string;
  /** The most tokens one request may carry. */
  readonly maxInputTokens: number;
}

/** vscode.lm has no system role: instructions go in the first user message. */
export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export interface ChatAnswer {
  /** The whole answer text. */
  readonly text: string;
  /** Tokens sent and received, when the model says (otherwise counted or estimated by the caller). */
  readonly tokensIn?: number;
  readonly tokensOut?: number;
}

/**
 * Why a request failed, as the operations act on it:
 * - `blocked`: quota or rate limit (vscode.lm's `Blocked`, HTTP 429): back off, retry later;
 * - `no-permissions`: the user refused consent or the key is wrong (`NoPermissions`, HTTP 401/403): stop the run;
 * - `not-found`: the model is gone (`NotFound`, HTTP 404): stop the run;
 * - `connection`: the endpoint dropped or is unreachable: retry a few times, then fail the document;
 * - `cancelled`: the run was cancelled;
 * - `other`: anything else: fail the document.
 */
export type ModelErrorKind = 'blocked' | 'no-permissions' | 'not-found' | 'connection' | 'cancelled' | 'other';

export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** How long the model asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** One chat model, as the operations use it. Implementations map their errors to ModelError. */
export interface ChatModelPort {
  readonly info: ChatModelInfo;
  /** Tokens `text` takes for this model (an estimate is acceptable where the model cannot count). */
  countTokens(text: string, signal: AbortSignal): Promise<number>;
  /** Sends one request and returns the whole answer; throws ModelError. `justification` is shown by VS Code's consent dialog. */
  send(messages: readonly ChatMessage[], options: { readonly signal: AbortSignal; readonly justification: string }): Promise<ChatAnswer>;
}

/** One line of the request log: never the document's content. */
export interface ModelRequestRecord {
  readonly operation: 'review' | 'enhance';
  /** Absolute path of the document. */
  readonly path: string;
  /** Which part of the document (1-based) of how many. */
  readonly part: number;
  readonly parts: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly ms: number;
  readonly outcome: 'ok' | 'invalid-answer' | ModelErrorKind;
}
