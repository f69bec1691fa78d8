// The review operation on a fake model: answers to findings (rules, fixes, line
// checks), strict answers, documents split into parts whose line numbers map back,
// its concurrency, and the per-operation cache (a warm run sends nothing).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import type { HostDocument, HostResult } from '../../../../src/engine/host/host-operation';
import { fileFilterMatcher } from '../../../../src/operations/file-filter';
import { applyEdits } from '../../../../src/operations/edits';
import type { DocumentFinding } from '../../../../src/operations/findings';
import { createReviewOperation, REVIEW_PROMPT_VERSION, type ReviewData } from '../../../../src/operations/review';
import { fakeModel, promptLines, tehReviewer } from '../../../helpers/fake-chat-model';
import { makeTree, removeTree } from '../../../helpers/tree';

const NEVER = new AbortController().signal;
const doc = (text: string, p = '/w/a.md'): HostDocument => ({ path: p, root: '/w', text, hash: 'h' });
const answer = (findings: unknown[]) => ({ text: JSON.stringify({ findings }) });

async function review(text: string, reply: Parameters<typeof fakeModel>[0], maxInputTokens = 100_000): Promise<{ result: HostResult; prompts: string[] }> {
  const model = fakeModel(reply, { maxInputTokens });
  const result = await createReviewOperation(model).run(doc(text), NEVER, () => undefined);
  return { result, prompts: model.prompts };
}

describe('review: answers to findings', () => {
  it('maps each answered finding to its line, with a fix replacing the line by the correction', async () => {
    const { result, prompts } = await review('Title\nteh cat sat\nfine\n', tehReviewer);
    assert.equal(prompts.length, 1);
    assert.deepEqual(promptLines(prompts[0]!), [[1, 'Title'], [2, 'teh cat sat'], [3, 'fine']]);
    assert.deepEqual(result.findings, [
      {
        rule: 'spelling',
        severity: 'warning',
        message: 'Misspelt "the".',
        range: { start: { line: 2, column: 1 }, end: { line: 2, column: 12 } },
        fix: { description: "Replace line 2 with the model's correction", edits: [{ range: { start: { line: 2, column: 1 }, end: { line: 2, column: 12 } }, newText: 'the cat sat' }] },
      },
    ]);
    assert.equal(applyEdits('Title\nteh cat sat\nfine\n', result.findings![0]!.fix!.edits), 'Title\nthe cat sat\nfine\n');
  });

  it('takes an answer inside a ```json fence; a replacement equal to the line gives no fix; an unknown rule is `other` with its label', async () => {
    const fenced = '```json\n' + JSON.stringify({ findings: [{ rule: 'Tone', severity: 'info', line: 1, message: 'Too casual.', replacement: 'Hi there' }] }) + '\n```';
    const { result } = await review('Hi there\n', () => ({ text: fenced }));
    assert.deepEqual(result.findings, [{ rule: 'other', severity: 'info', message: 'Tone: Too casual.', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 9 } } }]);
  });

  it('drops a finding on a line the model was not shown, and counts it', async () => {
    const { result } = await review('one\ntwo\n', () => answer([
      { rule: 'grammar', severity: 'error', line: 2, message: 'ok' },
      { rule: 'grammar', severity: 'error', line: 3, message: 'past the end' },
      { rule: 'grammar', severity: 'error', line: 99, message: 'far past' },
    ]));
    assert.deepEqual(result.findings!.map((f) => f.range.start.line), [2]);
    assert.deepEqual(result.data, { parts: 1, outOfRange: 2 } satisfies ReviewData);
  });

  for (const [name, text, problem] of [
    ['prose', 'Here are the findings: none.', /does not parse/],
    ['no findings array', '{"results":[]}', /"findings" is missing, not an array/],
    ['a bad severity', JSON.stringify({ findings: [{ rule: 'x', severity: 'fatal', line: 1, message: 'm' }] }), /findings\[0\]\.severity is the string "fatal"/],
    ['a line that is not a whole number', JSON.stringify({ findings: [{ rule: 'x', severity: 'info', line: 1.5, message: 'm' }] }), /findings\[0\]\.line is number 1.5/],
    ['a missing message', JSON.stringify({ findings: [{ rule: 'x', severity: 'info', line: 1 }] }), /findings\[0\]\.message is missing/],
    ['text after the JSON', '{"findings":[]} Hope this helps!', /does not parse/],
    ['an empty answer', '   ', /empty/],
  ] as const) {
    it(`fails the document on an answer with ${name}, saying what was wrong`, async () => {
      await assert.rejects(review('line\n', () => ({ text })), (err: Error) => {
        assert.match(err.message, /^the model's answer was not the JSON asked for: /);
        assert.match(err.message, problem);
        return true;
      });
    });
  }
});

describe('review: documents larger than the model takes', () => {
  const lines = Array.from({ length: 120 }, (_, i) => (i % 10 === 7 ? `line ${i + 1} has teh typo in it` : `line ${i + 1} is a plain sentence of prose.`));
  const text = lines.join('\n') + '\n';

  it('splits on natural breaks into prompts that fit; every line is shown exactly once, numbered as in the document, and findings land on their lines', async () => {
    const model = fakeModel(tehReviewer, { maxInputTokens: 900 });
    const op = createReviewOperation(model);
    const result = await op.run(doc(text), NEVER, () => undefined);
    assert.ok(model.prompts.length >= 3, `${model.prompts.length} requests`);
    for (const p of model.prompts) assert.ok(Math.ceil(p.length / 4) <= 900 - 225, 'each prompt leaves room for the answer');
    const shown = model.prompts.flatMap(promptLines);
    assert.deepEqual(shown.map(([n]) => n), lines.map((_, i) => i + 1), 'lines 1..120 in order, none twice');
    assert.deepEqual(shown.map(([, t]) => t), lines);
    assert.match(model.prompts[1]!, /This is part 2 of \d+ of the document: lines \d+ to \d+\./);
    const expected = lines.flatMap((l, i) => (l.includes('teh') ? [i + 1] : []));
    assert.deepEqual(result.findings!.map((f) => f.range.start.line), expected);
    const fixed = applyEdits(text, result.findings!.flatMap((f) => f.fix!.edits));
    assert.equal(fixed, text.replace(/teh/g, 'the'));
    assert.equal((result.data as ReviewData).parts, model.prompts.length);
  });

  it('fails a document (without a request) when not even the instructions fit', async () => {
    const model = fakeModel(tehReviewer, { maxInputTokens: 200 });
    await assert.rejects(createReviewOperation(model).run(doc(text), NEVER, () => undefined), /no part of the document fits/);
    assert.equal(model.prompts.length, 0);
  });
});

describe('review in a run', () => {
  let root: string;
  let engine: Engine;
  const files: Record<string, string> = { 'code.ts': 'const teh = 1;\n' };
  for (let i = 0; i < 6; i++) files[`doc${i}.md`] = `Doc ${i}\nteh end\n`;
  beforeEach(() => {
    root = makeTree(files);
    engine = new Engine({ concurrency: 0 });
  });
  afterEach(async () => {
    await engine.close();
    removeTree(root);
  });

  const slowTeh = async (prompt: string) => {
    await new Promise((r) => setTimeout(r, 5));
    return tehReviewer(prompt);
  };

  it('reviews prose files only, at most `concurrency` requests at once, findings in the report', async () => {
    const model = fakeModel(slowTeh);
    engine.addHostOperation(createReviewOperation(model, { concurrency: 2 }));
    const report = await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(model.prompts.length, 6);
    assert.equal(model.maxInFlight, 2);
    const findings = report.findings.all();
    assert.equal(findings.length, 6);
    assert.ok(findings.every((f) => f.operation === 'review' && f.rule === 'spelling' && f.range.start.line === 2 && path.extname(f.file) === '.md'));
    assert.ok(fileFilterMatcher(createReviewOperation(model).accepts)('/x/notes.rst'));
    assert.ok(!fileFilterMatcher(createReviewOperation(model).accepts)('/x/code.ts'));
  });

  it('a warm run over unchanged documents sends nothing; another model or prompt version is a new key', async () => {
    const model = fakeModel(slowTeh);
    const op = createReviewOperation(model);
    assert.deepEqual({ prompt: op.settings!.prompt, model: op.settings!.model }, { prompt: REVIEW_PROMPT_VERSION, model: 'fake-1' });
    engine.addHostOperation(op);
    await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(model.prompts.length, 6);
    const warm = await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(model.prompts.length, 6, 'no request on the warm run');
    assert.equal(warm.findings.all().length, 6, 'findings come from the cache');
    const other = fakeModel(slowTeh, { id: 'fake-2' });
    engine.addHostOperation(createReviewOperation(other));
    await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    assert.equal(other.prompts.length, 6, 'a different model id misses the cache');
  });

  it('a garbage answer fails that document with operation-error, the others are processed', async () => {
    const model = fakeModel((prompt) => (prompt.includes('Doc 3') ? { text: 'Sure! Here you go.' } : tehReviewer(prompt)));
    engine.addHostOperation(createReviewOperation(model));
    const report = await engine.run({ roots: [root], operations: [{ id: 'review' }] }).done;
    const failed = report.outcomes.filter((o) => o.kind === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(path.basename(failed[0]!.path), 'doc3.md');
    assert.equal(failed[0]!.kind === 'failed' && failed[0]!.reason, 'operation-error');
    assert.match(failed[0]!.kind === 'failed' ? failed[0]!.detail : '', /review: invalid answer: the model's answer was not the JSON asked for: it does not parse/);
    assert.equal(report.summary.counts.failed, 1);
    assert.equal(report.findings.all().length, 5);
  });
});

export type { DocumentFinding };
