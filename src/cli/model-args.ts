// The command line's language-model options: --model-endpoint, --model,
// --model-key-env, --model-max-input-tokens, --model-concurrency, --model-timeout
// and --instruction, checked against the operations that use them (review, enhance).
// Nothing is sent anywhere unless --ops names review or enhance.

/** The operations that send documents to a language model. */
export const MODEL_OPERATION_IDS: readonly string[] = ['review', 'enhance'];

export interface ModelCliOptions {
  /** Base URL or chat completions URL of an OpenAI-compatible endpoint. */
  readonly endpoint: string;
  readonly model: string;
  /** The environment variable holding the key (its value is read at start, never printed). */
  readonly keyEnv?: string;
  readonly maxInputTokens?: number;
  /** Requests in flight at once, per operation (default 2). */
  readonly concurrency: number;
  readonly timeoutMs?: number;
  /** What enhance does (with --ops enhance). */
  readonly instruction?: string;
}

export interface ModelArgValues {
  readonly 'model-endpoint'?: string;
  readonly model?: string;
  readonly 'model-key-env'?: string;
  readonly 'model-max-input-tokens'?: string;
  readonly 'model-concurrency'?: string;
  readonly 'model-timeout'?: string;
  readonly instruction?: string;
}

export const MODEL_OPTIONS = {
  'model-endpoint': { type: 'string' },
  model: { type: 'string' },
  'model-key-env': { type: 'string' },
  'model-max-input-tokens': { type: 'string' },
  'model-concurrency': { type: 'string' },
  'model-timeout': { type: 'string' },
  instruction: { type: 'string' },
} as const;

export const MODEL_USAGE = `Language models (only with --ops review or enhance; see the README):
  --model-endpoint URL    an OpenAI-compatible endpoint (POST URL/chat/completions);
                          the documents' text is sent there
  --model NAME            the model to ask
  --model-key-env VAR     send the key held by environment variable VAR (never printed)
  --model-max-input-tokens N  the most tokens a request may carry (default 8192); longer
                          documents are sent in parts
  --model-concurrency N   requests at once (default 2)
  --model-timeout SECONDS one request's time limit (default 120)
  --instruction TEXT      with --ops enhance: what to change in every document
  --verbose               log each model request on standard error (path, part, tokens,
                          time, outcome; never content)`;

/** The options, or undefined when no model operation runs; throws a message for a usage error. */
export function parseModelOptions(ops: readonly string[], v: ModelArgValues): ModelCliOptions | undefined {
  const wanted = ops.filter((id) => MODEL_OPERATION_IDS.includes(id));
  const given = (Object.keys(MODEL_OPTIONS) as (keyof ModelArgValues)[]).filter((k) => v[k] !== undefined);
  if (wanted.length === 0) {
    if (given.length > 0) throw new Error(`--${given[0]} goes with --ops review or --ops enhance`);
    return undefined;
  }
  const endpoint = v['model-endpoint'];
  if (endpoint === undefined) throw new Error(`--ops ${wanted[0]} sends documents to a language model: give --model-endpoint URL and --model NAME`);
  if (!/^https?:\/\/[^/\s]+/i.test(endpoint) || !URL.canParse(endpoint)) throw new Error(`--model-endpoint takes an http:// or https:// URL, not '${endpoint}'`);
  if (v.model === undefined || v.model.trim() === '') throw new Error('--model-endpoint goes with --model NAME (the model the endpoint should use)');
  const keyEnv = v['model-key-env'];
  if (keyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new Error(`--model-key-env takes the name of an environment variable, not '${keyEnv}'`);
  if (wanted.includes('enhance') && (v.instruction === undefined || v.instruction.trim() === '')) throw new Error('--ops enhance needs --instruction TEXT (what to change in every document)');
  if (!wanted.includes('enhance') && v.instruction !== undefined) throw new Error('--instruction goes with --ops enhance');
  return {
    endpoint,
    model: v.model.trim(),
    ...(keyEnv !== undefined ? { keyEnv } : {}),
    ...(v['model-max-input-tokens'] !== undefined ? { maxInputTokens: whole('--model-max-input-tokens', v['model-max-input-tokens'], 256) } : {}),
    concurrency: v['model-concurrency'] !== undefined ? whole('--model-concurrency', v['model-concurrency'], 1) : 2,
    ...(v['model-timeout'] !== undefined ? { timeoutMs: whole('--model-timeout', v['model-timeout'], 1) * 1000 } : {}),
    ...(v.instruction !== undefined ? { instruction: v.instruction } : {}),
  };
}

function whole(option: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`${option} takes a whole number of at least ${min}, not '${text}'`);
  return Number(text);
}
