// The OpenAI-compatible client: its URL, its answers, and each HTTP or socket
// failure as the ModelError kind the operations act on.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { chatCompletionsUrl, createChatEndpoint, retryAfterMs } from '../../../src/cli/chat-endpoint';
import { ModelError, type ModelErrorKind } from '../../../src/operations/review/model';
import { startFakeChatServer, type FakeChatServer, type ServerMode } from '../../helpers/fake-chat-server';

const NEVER = new AbortController().signal;
const ask = { signal: NEVER, justification: 'test' };
const hello = [{ role: 'user' as const, content: 'hello' }];

describe('the chat endpoint client', () => {
  let server: FakeChatServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const endpoint = async (mode: ServerMode, extra: { timeoutMs?: number } = {}) => {
    server = await startFakeChatServer(() => mode);
    return createChatEndpoint({ endpoint: server.url, model: 'm', apiKey: 'k', ...extra });
  };
  const kindOf = async (p: Promise<unknown>): Promise<[ModelErrorKind, number | undefined, string]> => {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof ModelError, String(err));
      return [err.kind, err.retryAfterMs, err.message];
    }
    throw new Error('no error');
  };

  it('posts to {base}/chat/completions, or to the URL given when it already ends so', () => {
    assert.equal(chatCompletionsUrl('http://h:1/v1'), 'http://h:1/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h:1/v1/'), 'http://h:1/v1/chat/completions');
    assert.equal(chatCompletionsUrl('http://h:1/openai/chat/completions'), 'http://h:1/openai/chat/completions');
  });

  it('answers with the content and the usage the endpoint reports; the model id names host and model', async () => {
    const model = await endpoint({ kind: 'good', answer: () => '{"findings":[]}' });
    const answer = await model.send(hello, ask);
    assert.deepEqual(answer, { text: '{"findings":[]}', tokensIn: 2, tokensOut: 4 });
    assert.match(model.info.id, /^openai-compatible:127\.0\.0\.1:\d+\/m$/);
    assert.equal(model.info.maxInputTokens, 8192);
    assert.equal(await model.countTokens('12345678', NEVER), 2);
  });

  it('429 is blocked with Retry-After in ms', async () => {
    assert.deepEqual((await kindOf((await endpoint({ kind: 'rate-limited', retryAfter: '7' })).send(hello, ask))).slice(0, 2), ['blocked', 7000]);
  });

  for (const [status, kind] of [[401, 'no-permissions'], [403, 'no-permissions'], [404, 'not-found'], [503, 'connection'], [400, 'other']] as const) {
    it(`HTTP ${status} is ${kind}, the key not in the message`, async () => {
      const [k, , message] = await kindOf((await endpoint({ kind: 'status', status })).send(hello, ask));
      assert.equal(k, kind);
      assert.match(message, new RegExp(`^HTTP ${status} from 127\\.0\\.0\\.1:\\d+: status ${status}$`));
    });
  }

  it('a dropped connection, a refused one and a timeout are connection failures; a cancel is cancelled', async () => {
    assert.equal((await kindOf((await endpoint({ kind: 'drop' })).send(hello, ask)))[0], 'connection');
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise((r) => free.close(r));
    const refused = await kindOf(createChatEndpoint({ endpoint: `http://127.0.0.1:${port}/v1`, model: 'm' }).send(hello, ask));
    assert.deepEqual(refused.slice(0, 1), ['connection']);
    assert.match(refused[2], /ECONNREFUSED/);
    await server?.close();
    const slow = await endpoint({ kind: 'slow', ms: 5000 }, { timeoutMs: 100 });
    assert.deepEqual((await kindOf(slow.send(hello, ask))).slice(0, 1), ['connection']);
    const controller = new AbortController();
    const pending = slow.send(hello, { signal: controller.signal, justification: 'x' });
    setTimeout(() => controller.abort(), 20);
    assert.equal((await kindOf(pending))[0], 'cancelled');
  });

  it('a body that is not a chat completion is `other`', async () => {
    server = await startFakeChatServer(() => ({ kind: 'status', status: 200 }));
    const [kind, , message] = await kindOf(createChatEndpoint({ endpoint: server.url, model: 'm' }).send(hello, ask));
    assert.equal(kind, 'other');
    assert.match(message, /without choices\[0\]\.message\.content/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 30_000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(null), undefined);
  });
});
