// An OpenAI-compatible chat endpoint as a ChatModelPort: POST {endpoint}/chat/completions
// with Node's fetch. HTTP and socket failures become ModelError kinds the
// operations act on: 429 blocked (Retry-After in seconds or as an HTTP date),
// 401/403 no-permissions, 404 not-found, a dropped or refused connection, a
// timeout or a 502/503/504 connection, anything else other. The key is sent as
// a bearer token and never appears in an error message.
import { ModelError, type ChatAnswer, type ChatMessage, type ChatModelPort } from '../operations/review/model';

export interface ChatEndpointOptions {
  /** Base URL (`http://localhost:11434/v1`) or the whole chat completions URL. */
  readonly endpoint: string;
  /** The model name the endpoint knows. */
  readonly model: string;
  /** Sent as `Authorization: Bearer <key>` when given. */
  readonly apiKey?: string;
  /** Default 8192. */
  readonly maxInputTokens?: number;
  /** How long one request may take (default 120 s). */
  readonly timeoutMs?: number;
  /** For tests: the fetch to use (default the global one). */
  readonly fetch?: typeof fetch;
}

export const DEFAULT_MAX_INPUT_TOKENS = 8192;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** The chat completions URL of an endpoint given as a base URL or as that URL itself. */
export function chatCompletionsUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return /\/chat\/completions$/.test(trimmed) ? trimmed : `${trimmed}/chat/completions`;
}

export function createChatEndpoint(options: ChatEndpointOptions): ChatModelPort {
  const url = chatCompletionsUrl(options.endpoint);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const host = safeHost(url);
  return {
    info: {
      id: `openai-compatible:${host}/${options.model}`,
      vendor: host,
      family: options.model,
      name: `${options.model} (${host})`,
      maxInputTokens: options.maxInputTokens ?? DEFAULT_MAX_INPUT_TOKENS,
    },
    // No tokenizer for an unknown model: about four characters a token.
    countTokens: (text) => Promise.resolve(Math.ceil(text.length / 4)),
    async send(messages: readonly ChatMessage[], { signal }): Promise<ChatAnswer> {
      const timeout = AbortSignal.timeout(timeoutMs);
      const both = AbortSignal.any([signal, timeout]);
      let response: Response;
      let body: string;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({ model: options.model, messages: messages.map((m) => ({ role: m.role, content: m.content })), temperature: 0, stream: false }),
          signal: both,
        });
        body = await response.text();
      } catch (err) {
        if (signal.aborted) throw new ModelError('cancelled', 'cancelled');
        if (timeout.aborted) throw new ModelError('connection', `no answer from ${host} within ${Math.round(timeoutMs / 1000)} s`);
        throw new ModelError('connection', `cannot reach ${host}: ${networkCause(err)}`);
      }
      if (!response.ok) throw httpError(response, body, host);
      return answerOf(body, host);
    },
  };
}

function httpError(response: Response, body: string, host: string): ModelError {
  const s = response.status;
  const detail = `HTTP ${s} from ${host}${errorText(body)}`;
  if (s === 429) return new ModelError('blocked', detail, retryAfterMs(response.headers.get('retry-after')));
  if (s === 401 || s === 403) return new ModelError('no-permissions', detail);
  if (s === 404) return new ModelError('not-found', detail);
  if (s === 502 || s === 503 || s === 504) return new ModelError('connection', detail);
  return new ModelError('other', detail);
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function answerOf(body: string, host: string): ChatAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ModelError('other', `${host} answered something that is not JSON`);
  }
  // JSON that is not an object (null, a number) has no choices either.
  const j = (json !== null && typeof json === 'object' ? json : {}) as { choices?: { message?: { content?: unknown } }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
  const content = j.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new ModelError('other', `${host} answered without choices[0].message.content`);
  const tokensIn = j.usage?.prompt_tokens;
  const tokensOut = j.usage?.completion_tokens;
  return {
    text: content,
    ...(typeof tokensIn === 'number' ? { tokensIn } : {}),
    ...(typeof tokensOut === 'number' ? { tokensOut } : {}),
  };
}

/** The endpoint's own error message, when it gives one ({"error":{"message":…}}), shortened. */
function errorText(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string };
    const m = typeof j.error === 'string' ? j.error : j.error?.message;
    if (typeof m === 'string' && m.trim()) return `: ${m.trim().slice(0, 200)}`;
  } catch {
    // not JSON: say nothing of it
  }
  return '';
}

function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
