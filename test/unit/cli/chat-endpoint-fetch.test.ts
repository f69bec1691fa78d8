// The OpenAI-compatible client over a fake fetch: what it sends, and how it reads
// each answer and failure (no socket, no server; milliseconds each).
import assert from 'node:assert/strict';
import { chatCompletionsUrl, createChatEndpoint, DEFAULT_MAX_INPUT_TOKENS, retryAfterMs } from '../../../src/cli/chat-endpoint';
import { ModelError } from '../../../src/operations/review/model';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: (call: Call) => Response | Promise<Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const f = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return answer(call);
  }) as unknown as typeof fetch;
  return { fetch: f, calls };
}

const ok = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
const NEVER = new AbortController().signal;
const ask = { signal: NEVER, justification: 'test' };
const hello = [{ role: 'user' as const, content: 'hello', extra: 'not sent' } as never];

async function failure(p: Promise<unknown>): Promise<ModelError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ModelError, String(err));
    return err;
  }
  throw new Error('no error');
}

describe('the chat endpoint client (fake fetch)', () => {
  it('posts JSON to the chat completions URL: model, role and content only, temperature 0, no stream; the key as a bearer token', async () => {
    const f = fakeFetch(() => ok({ choices: [{ message: { content: 'hi' } }] }));
    const model = createChatEndpoint({ endpoint: 'http://h:1/v1/', model: 'mm', apiKey: 'KEY', fetch: f.fetch });
    assert.deepEqual(await model.send(hello, ask), { text: 'hi' });
    const [call] = f.calls;
    assert.equal(call!.url, 'http://h:1/v1/chat/completions');
    assert.equal(call!.init.method, 'POST');
    assert.deepEqual(call!.init.headers, { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer KEY' });
    assert.deepEqual(JSON.parse(call!.init.body as string), { model: 'mm', messages: [{ role: 'user', content: 'hello' }], temperature: 0, stream: false });
    assert.ok(call!.init.signal instanceof AbortSignal);
  });

  it('no key: no authorization header', async () => {
    const f = fakeFetch(() => ok({ choices: [{ message: { content: '' } }] }));
    const model = createChatEndpoint({ endpoint: 'http://h:1/v1', model: 'mm', fetch: f.fetch });
    assert.deepEqual(await model.send(hello, ask), { text: '' });
    assert.deepEqual(f.calls[0]!.init.headers, { 'content-type': 'application/json', accept: 'application/json' });
  });

  it('its info names host and model; the default input limit; four characters a token, rounded up', async () => {
    const model = createChatEndpoint({ endpoint: 'https://api.example.com:8443/v1', model: 'gpt' });
    assert.deepEqual(model.info, { id: 'openai-compatible:api.example.com:8443/gpt', vendor: 'api.example.com:8443', family: 'gpt', name: 'gpt (api.example.com:8443)', maxInputTokens: DEFAULT_MAX_INPUT_TOKENS });
    assert.equal(DEFAULT_MAX_INPUT_TOKENS, 8192);
    assert.equal(createChatEndpoint({ endpoint: 'http://h', model: 'g', maxInputTokens: 300 }).info.maxInputTokens, 300);
    assert.equal(await model.countTokens('12345', NEVER), 2);
    assert.equal(await model.countTokens('1234', NEVER), 1);
    assert.equal(await model.countTokens('', NEVER), 0);
  });

  it('an endpoint that is not a URL is its own host name', () => {
    assert.equal(createChatEndpoint({ endpoint: 'not a url', model: 'g' }).info.vendor, 'not a url/chat/completions');
  });

  it('reads the token counts when they are numbers, and leaves them out otherwise', async () => {
    const model = (body: unknown) => createChatEndpoint({ endpoint: 'http://h', model: 'g', fetch: fakeFetch(() => ok(body)).fetch });
    assert.deepEqual(await model({ choices: [{ message: { content: 'a' } }], usage: { prompt_tokens: 5, completion_tokens: 2 } }).send(hello, ask), { text: 'a', tokensIn: 5, tokensOut: 2 });
    assert.deepEqual(await model({ choices: [{ message: { content: 'a' } }], usage: { prompt_tokens: '5', completion_tokens: null } }).send(hello, ask), { text: 'a' });
    assert.deepEqual(await model({ choices: [{ message: { content: 'a' } }], usage: { completion_tokens: 0 } }).send(hello, ask), { text: 'a', tokensOut: 0 });
  });

  it('an answer that is not JSON, or has no text content, is `other` naming the host', async () => {
    const send = (body: string) => createChatEndpoint({ endpoint: 'http://h:7', model: 'g', fetch: fakeFetch(() => ok(body)).fetch }).send(hello, ask);
    let e = await failure(send('<html>'));
    assert.deepEqual([e.kind, e.message], ['other', 'h:7 answered something that is not JSON']);
    for (const body of ['null', '3', '{}', '{"choices":[]}', '{"choices":[{}]}', '{"choices":[{"message":{"content":3}}]}']) {
      e = await failure(send(body));
      assert.deepEqual([e.kind, e.message], ['other', 'h:7 answered without choices[0].message.content'], body);
    }
  });

  it('HTTP errors: the kind for each status, the endpoint\'s own message trimmed and shortened', async () => {
    const send = (status: number, body = '', headers: Record<string, string> = {}) =>
      failure(createChatEndpoint({ endpoint: 'http://h:7', model: 'g', fetch: fakeFetch(() => ok(body, status, headers)).fetch }).send(hello, ask));
    const cases: [number, string][] = [[401, 'no-permissions'], [403, 'no-permissions'], [404, 'not-found'], [502, 'connection'], [503, 'connection'], [504, 'connection'], [500, 'other'], [400, 'other'], [405, 'other'], [505, 'other'], [501, 'other'], [428, 'other'], [430, 'other']];
    for (const [status, kind] of cases) {
      const e = await send(status);
      assert.deepEqual([e.kind, e.message], [kind, `HTTP ${status} from h:7`], String(status));
    }
    assert.equal((await send(500, '{"error":{"message":"  boom  "}}')).message, 'HTTP 500 from h:7: boom');
    assert.equal((await send(500, '{"error":"flat"}')).message, 'HTTP 500 from h:7: flat');
    assert.equal((await send(500, '{"error":{"message":"   "}}')).message, 'HTTP 500 from h:7');
    assert.equal((await send(500, '{"error":{"message":7}}')).message, 'HTTP 500 from h:7');
    assert.equal((await send(500, 'null')).message, 'HTTP 500 from h:7');
    assert.equal((await send(500, `{"error":"${'x'.repeat(300)}"}`)).message, `HTTP 500 from h:7: ${'x'.repeat(200)}`);
    const blocked = await send(429, '', { 'retry-after': '3' });
    assert.deepEqual([blocked.kind, blocked.retryAfterMs], ['blocked', 3000]);
    assert.equal((await send(429)).retryAfterMs, undefined);
  });

  it('a failed fetch: the network cause, or cancelled when the caller aborted', async () => {
    const throwing = (err: unknown) => createChatEndpoint({ endpoint: 'http://h:7', model: 'g', fetch: fakeFetch(() => { throw err; }).fetch });
    let e = await failure(throwing(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'm' } })).send(hello, ask));
    assert.deepEqual([e.kind, e.message], ['connection', 'cannot reach h:7: ECONNREFUSED']);
    e = await failure(throwing(Object.assign(new TypeError('fetch failed'), { cause: { message: 'other side closed' } })).send(hello, ask));
    assert.equal(e.message, 'cannot reach h:7: other side closed');
    e = await failure(throwing(new Error('plain')).send(hello, ask));
    assert.equal(e.message, 'cannot reach h:7: plain');
    e = await failure(throwing('a string').send(hello, ask));
    assert.equal(e.message, 'cannot reach h:7: a string');
    const ac = new AbortController();
    ac.abort();
    e = await failure(throwing(new Error('aborted')).send(hello, { signal: ac.signal, justification: '' }));
    assert.deepEqual([e.kind, e.message], ['cancelled', 'cancelled']);
  });

  it('a request over its time limit is a connection failure naming the limit in seconds', async () => {
    const hanging = fakeFetch(({ init }) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted')))));
    const e = await failure(createChatEndpoint({ endpoint: 'http://h:7', model: 'g', timeoutMs: 1, fetch: hanging.fetch }).send(hello, ask));
    assert.deepEqual([e.kind, e.message], ['connection', 'no answer from h:7 within 0 s']);
  });
});

describe('retryAfterMs', () => {
  it('delay seconds (trimmed), an HTTP date from now (never negative), else undefined', () => {
    const now = Date.parse('Tue, 01 Dec 2026 10:00:00 GMT');
    assert.equal(retryAfterMs(' 7 ', now), 7000);
    assert.equal(retryAfterMs('0', now), 0);
    assert.equal(retryAfterMs('Tue, 01 Dec 2026 10:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });
});

describe('chatCompletionsUrl', () => {
  it('drops every trailing slash, and appends the path unless the URL already ends with it', () => {
    assert.equal(chatCompletionsUrl('http://h/v1//'), 'http://h/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h/v1/chat/completions/'), 'http://h/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h/chat/completions/x'), 'http://h/chat/completions/x/chat/completions');
  });
  it('Retry-After with digits and more is not delay seconds', () => {
    assert.equal(retryAfterMs('7x', 0), undefined);
    assert.equal(retryAfterMs('x7', 0), undefined);
  });
});
