// The command line's review and enhance: host operations over an OpenAI-compatible
// endpoint. The bundle keeps this module in a file of its own (dist/op-review.js),
// loaded only by a run that names review or enhance.
import type { HostOperation } from '../engine/host/host-operation';
import { createEnhanceOperation } from '../operations/review/enhance';
import type { ModelError, ModelRequestRecord } from '../operations/review/model';
import { stopAdvice } from '../operations/review/requests';
import { createReviewOperation } from '../operations/review/review';
import { createChatEndpoint } from './chat-endpoint';
import type { ModelCliOptions } from './model-args';

export interface ModelHooks {
  /** no-permissions / not-found: the caller cancels the run. */
  readonly onStop: (error: ModelError) => void;
  readonly onRequest?: (record: ModelRequestRecord) => void;
}

export type ModelOperationsSetup =
  | { readonly kind: 'ok'; readonly operations: readonly HostOperation[] }
  | { readonly kind: 'usage-error'; readonly message: string };

/** The host operations of `ops` that use the model (review, enhance), over the endpoint the options name. */
export function createModelOperations(options: ModelCliOptions, ops: readonly string[], hooks: ModelHooks, env: NodeJS.ProcessEnv): ModelOperationsSetup {
  let apiKey: string | undefined;
  if (options.keyEnv !== undefined) {
    apiKey = env[options.keyEnv];
    if (!apiKey) return { kind: 'usage-error', message: `--model-key-env ${options.keyEnv}: that environment variable is not set` };
  }
  const model = createChatEndpoint({
    endpoint: options.endpoint,
    model: options.model,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(options.maxInputTokens !== undefined ? { maxInputTokens: options.maxInputTokens } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const common = { concurrency: options.concurrency, onStop: hooks.onStop, ...(hooks.onRequest ? { onRequest: hooks.onRequest } : {}) };
  const operations: HostOperation[] = [];
  if (ops.includes('review')) operations.push(createReviewOperation(model, common));
  if (ops.includes('enhance')) operations.push(createEnhanceOperation(model, { ...common, instruction: options.instruction ?? '' }));
  return { kind: 'ok', operations };
}

/** One request log line (standard error with --verbose): never content. */
export function requestLogLine(r: ModelRequestRecord): string {
  const part = r.parts > 1 ? ` part ${r.part}/${r.parts}` : '';
  return `model ${r.operation} ${r.path}${part}: ${r.tokensIn} tokens in, ${r.tokensOut} out, ${Math.round(r.ms)} ms, ${r.outcome}`;
}

/** What the command line says when a model stops the run. */
export function stopMessage(error: ModelError): string {
  return `stopped: ${stopAdvice(error)}${error.kind === 'no-permissions' ? ' (--model-key-env names the variable holding the key)' : ' (--model)'}`;
}
