// A fake OpenAI-compatible chat endpoint for tests, on 127.0.0.1 and a free port.
// Each request is answered as the script says for its index: a good answer (by
// default review's: a spelling finding per shown line with "teh"), garbage, a slow
// answer, 429 with Retry-After, a dropped connection, or an HTTP error. It is
// bounded: after `maxRequests` requests or `timeoutMs` it closes by itself.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI } from './cli';
import { tehReviewer } from './fake-chat-model';

export type ServerMode =
  | { readonly kind: 'good'; readonly answer?: (prompt: string) => string }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'slow'; readonly ms: number; readonly then?: ServerMode }
  | { readonly kind: 'rate-limited'; readonly retryAfter: string }
  | { readonly kind: 'drop' }
  | { readonly kind: 'status'; readonly status: number };

export interface SeenRequest {
  /** Milliseconds since the server started. */
  readonly at: number;
  readonly path: string;
  readonly authorization?: string;
  readonly model: unknown;
  readonly prompt: string;
}

export interface FakeChatServer {
  /** Base URL: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export const GOOD: ServerMode = { kind: 'good' };

/** Enhance's good answer: the text after "The text:" with "teh" corrected. */
export function tehEnhancer(prompt: string): string {
  const body = prompt.slice(prompt.indexOf('The text:\n') + 'The text:\n'.length);
  return JSON.stringify({ text: body.replace(/teh/g, 'the') });
}

export async function startFakeChatServer(script: (index: number, prompt: string) => ServerMode, { maxRequests = 40, timeoutMs = 60_000 } = {}): Promise<FakeChatServer> {
  const started = Date.now();
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      let parsed: { model?: unknown; messages?: { content?: string }[] } = {};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        // recorded with an empty prompt
      }
      const prompt = (parsed.messages ?? []).map((m) => m.content ?? '').join('\n');
      const index = requests.length;
      requests.push({ at: Date.now() - started, path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), model: parsed.model, prompt });
      answer(res, script(index, prompt), prompt);
      if (requests.length >= maxRequests) void close();
    });
  });
  const answer = (res: http.ServerResponse, mode: ServerMode, prompt: string): void => {
    switch (mode.kind) {
      case 'good': {
        const content = mode.answer ? mode.answer(prompt) : tehReviewer(prompt).text;
        json(res, 200, { choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: Math.ceil(content.length / 4) } });
        return;
      }
      case 'garbage':
        json(res, 200, { choices: [{ message: { role: 'assistant', content: 'Sure! The document looks great to me.' } }] });
        return;
      case 'slow': {
        const timer = setTimeout(() => answer(res, mode.then ?? GOOD, prompt), mode.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'rate-limited':
        res.setHeader('retry-after', mode.retryAfter);
        json(res, 429, { error: { message: 'Rate limit reached' } });
        return;
      case 'drop':
        res.socket?.destroy();
        return;
      case 'status':
        json(res, mode.status, { error: { message: `status ${mode.status}` } });
        return;
    }
  };
  const timer = setTimeout(() => void close(), timeoutMs);
  timer.unref();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close };
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built command line, run without blocking this process (the fake server
 * answers on this thread). `onStderr` sees standard error as it comes.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, onStart?: (child: ReturnType<typeof spawn>) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    onStart?.(child);
  });
}
