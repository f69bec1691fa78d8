// batch-ops --ops review / enhance end to end: the built command line against a
// fake OpenAI-compatible server on 127.0.0.1 (see test/helpers/fake-chat-server.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GOOD, runCli, startFakeChatServer, tehEnhancer, type FakeChatServer, type ServerMode } from '../../helpers/fake-chat-server';
import { makeTree, removeTree } from '../../helpers/tree';

interface JsonReport {
  summary: { state: string; counts: { processed: number; cached: number; failed: number; skipped: number }; failedByReason: Record<string, number> };
  documents: { path: string; status: string; reason?: string; detail?: string }[];
  findings: { operation: string; rule: string; file: string; range: { start: { line: number } }; fix?: unknown }[];
}

describe('batch-ops --ops review against an OpenAI-compatible endpoint', function () {
  this.timeout(60_000);
  let root: string;
  let server: FakeChatServer | undefined;
  const base = (url: string, ...more: string[]) => [root, '--ops', 'review', '--model-endpoint', url, '--model', 'test-model', '--format', 'json', '--no-progress', ...more];
  const start = async (script: (i: number, prompt: string) => ServerMode, maxRequests?: number) => (server = await startFakeChatServer(script, maxRequests ? { maxRequests } : {}));

  beforeEach(() => {
    root = makeTree({ 'a.md': 'Title\nteh cat sat\n', 'b.txt': 'plain words\nand teh end\n', 'code.ts': 'const teh = 1;\n' });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    removeTree(root);
  });

  it('reviews the prose files: findings in the JSON report, the key sent as a bearer token and never printed, a content-free request log with --verbose', async () => {
    const s = await start(() => GOOD);
    const run = await runCli([...base(s.url, '--model-key-env', 'TEST_MODEL_KEY', '--verbose')], { TEST_MODEL_KEY: 'sekrit-123' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const found = report.findings.map((f) => [path.basename(f.file), f.operation, f.rule, f.range.start.line, f.fix !== undefined]).sort();
    assert.deepEqual(found, [['a.md', 'review', 'spelling', 2, true], ['b.txt', 'review', 'spelling', 2, true]]);
    assert.equal(s.requests.length, 2, 'code.ts is not prose: not sent');
    for (const r of s.requests) {
      assert.equal(r.path, '/v1/chat/completions');
      assert.equal(r.authorization, 'Bearer sekrit-123');
      assert.equal(r.model, 'test-model');
    }
    assert.equal((run.stderr.match(/batch-ops: model review .*: \d+ tokens in, \d+ out, \d+ ms, ok/g) ?? []).length, 2, run.stderr);
    assert.ok(!run.stderr.includes('sekrit') && !run.stdout.includes('sekrit'), 'the key is never printed');
    assert.ok(!run.stderr.includes('teh cat'), 'no content in the log');
  });

  it('a warm second run with --cache sends no request', async () => {
    const s = await start(() => GOOD);
    const cache = path.join(root, '..', `${path.basename(root)}.cache`);
    try {
      const cold = await runCli(base(s.url, '--cache', cache));
      assert.equal(cold.status, 0, cold.stderr);
      assert.equal(s.requests.length, 2);
      const warm = await runCli(base(s.url, '--cache', cache));
      assert.equal(warm.status, 0, warm.stderr);
      assert.equal(s.requests.length, 2, 'nothing sent on the warm run');
      const report = JSON.parse(warm.stdout) as JsonReport;
      assert.equal(report.summary.counts.cached, 2);
      assert.equal(report.findings.length, 2);
    } finally {
      fs.rmSync(cache, { force: true });
    }
  });

  it('429 with Retry-After: waits as told, retries and succeeds', async () => {
    const s = await start((i) => (i === 0 ? { kind: 'rate-limited', retryAfter: '1' } : GOOD));
    const run = await runCli(base(s.url, '--model-concurrency', '1'));
    assert.equal(run.status, 0, run.stderr);
    assert.equal(s.requests.length, 3);
    assert.ok(s.requests[1]!.at - s.requests[0]!.at >= 950, `retried after ${s.requests[1]!.at - s.requests[0]!.at} ms`);
    assert.equal((JSON.parse(run.stdout) as JsonReport).findings.length, 2);
  });

  it('a garbage answer fails that document with operation-error (exit 1), the other is reviewed', async () => {
    const s = await start((_i, prompt) => (prompt.includes('a.md') ? { kind: 'garbage' } : GOOD));
    const run = await runCli(base(s.url));
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.summary.counts.failed, 1);
    assert.deepEqual(report.summary.failedByReason, { 'operation-error': 1 });
    const failed = report.documents.find((d) => d.status === 'failed')!;
    assert.equal(path.basename(failed.path), 'a.md');
    assert.match(failed.detail ?? '', /the model's answer was not the JSON asked for/);
    assert.equal(report.findings.length, 1);
  });

  it('a dropped connection is retried twice, then the document fails', async () => {
    fs.rmSync(path.join(root, 'b.txt'));
    const s = await start(() => ({ kind: 'drop' }));
    const run = await runCli(base(s.url));
    assert.equal(run.status, 1, run.stderr);
    assert.equal(s.requests.length, 3);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.summary.failedByReason, { 'operation-error': 1 });
    assert.match(report.documents.find((d) => d.status === 'failed')!.detail ?? '', /model connection: cannot reach 127\.0\.0\.1:\d+.* after 3 tries/);
  });

  for (const [status, advice] of [[401, /stopped: the model refused the request \(HTTP 401 from 127\.0\.0\.1:\d+: status 401\): check the key/], [404, /stopped: the model was not found \(HTTP 404 .*\): choose another model/]] as const) {
    it(`HTTP ${status}: a clear stop of the whole run, no further request, exit 1`, async () => {
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(root, `more${i}.md`), `teh ${i}\n`);
      const s = await start(() => ({ kind: 'status', status }));
      const run = await runCli(base(s.url, '--model-concurrency', '1'));
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, advice);
      assert.equal(s.requests.length, 1, 'the run stopped after the first refusal');
      assert.equal((JSON.parse(run.stdout) as JsonReport).summary.state, 'cancelled');
    });
  }

  it('a long document goes in several requests; findings keep their document line numbers', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => (i % 25 === 24 ? `line ${i + 1} has teh typo` : `line ${i + 1} is plain prose, nothing more.`));
    fs.writeFileSync(path.join(root, 'a.md'), lines.join('\n') + '\n');
    fs.rmSync(path.join(root, 'b.txt'));
    const s = await start(() => GOOD);
    const run = await runCli(base(s.url, '--model-max-input-tokens', '1000'));
    assert.equal(run.status, 0, run.stderr);
    assert.ok(s.requests.length >= 3, `${s.requests.length} requests`);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.findings.map((f) => f.range.start.line).sort((a, b) => a - b), lines.flatMap((l, i) => (l.includes('teh') ? [i + 1] : [])));
  });

  it('SIGINT during a slow answer ends the run at once: no further request, exit 130', async () => {
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(root, `more${i}.md`), `teh ${i}\n`);
    const s = await start(() => ({ kind: 'slow', ms: 20_000 }));
    const began = Date.now();
    const run = await runCli(base(s.url, '--model-concurrency', '1'), {}, (child) => {
      const poll = setInterval(() => {
        if (s.requests.length > 0) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 20);
    });
    assert.equal(run.status, 130, run.stderr);
    assert.ok(Date.now() - began < 15_000, 'it did not wait for the answer');
    assert.equal(s.requests.length, 1);
    assert.equal((JSON.parse(run.stdout) as JsonReport).summary.state, 'cancelled');
  });

  it('a request over --model-timeout is a connection failure: retried, then the document fails', async () => {
    fs.rmSync(path.join(root, 'b.txt'));
    const s = await start(() => ({ kind: 'slow', ms: 5_000 }));
    const run = await runCli(base(s.url, '--model-timeout', '1'));
    assert.equal(run.status, 1, run.stderr);
    assert.equal(s.requests.length, 3);
    assert.match((JSON.parse(run.stdout) as JsonReport).documents.find((d) => d.status === 'failed')!.detail ?? '', /no answer from 127\.0\.0\.1:\d+ within 1 s after 3 tries/);
  });
});

describe('batch-ops --ops enhance', function () {
  this.timeout(60_000);
  let root: string;
  let server: FakeChatServer | undefined;
  beforeEach(() => {
    root = makeTree({ 'a.md': 'Title\nteh cat sat\nfine\n' });
  });
  afterEach(async () => {
    await server?.close();
    removeTree(root);
  });

  it('--fix --dry-run prints the proposed edits as a diff and writes nothing; --fix writes them', async () => {
    server = await startFakeChatServer(() => ({ kind: 'good', answer: tehEnhancer }));
    const args = [root, '--ops', 'enhance', '--instruction', 'Fix the typos', '--model-endpoint', server.url, '--model', 'm', '--no-progress', '--fix'];
    const dry = await runCli([...args, '--dry-run']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^--- a\/a\.md\n\+\+\+ b\/a\.md\n/m);
    assert.match(dry.stdout, /^-teh cat sat\n\+the cat sat$/m);
    assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'Title\nteh cat sat\nfine\n');
    assert.match(server.requests[0]!.prompt, /Instruction: Fix the typos/);
    const written = await runCli(args);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'Title\nthe cat sat\nfine\n');
  });
});

describe('batch-ops: language-model usage errors', () => {
  const cases: [string[], RegExp][] = [
    [['--ops', 'review'], /--ops review sends documents to a language model: give --model-endpoint URL and --model NAME/],
    [['--ops', 'review', '--model-endpoint', 'http://127.0.0.1:9/v1'], /--model-endpoint goes with --model NAME/],
    [['--ops', 'review', '--model-endpoint', 'ftp://x', '--model', 'm'], /--model-endpoint takes an http:\/\/ or https:\/\/ URL/],
    [['--ops', 'enhance', '--model-endpoint', 'http://127.0.0.1:9/v1', '--model', 'm'], /--ops enhance needs --instruction TEXT/],
    [['--model-endpoint', 'http://127.0.0.1:9/v1'], /--model-endpoint goes with --ops review or --ops enhance/],
    [['--ops', 'review', '--model-endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--model-key-env', 'BATCH_OPS_NO_SUCH_VAR'], /--model-key-env BATCH_OPS_NO_SUCH_VAR: that environment variable is not set/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')}: exit 2, one line`, async () => {
      const run = await runCli(['.', '--no-progress', ...args]);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.equal(run.stdout, '');
    });
  }
});
