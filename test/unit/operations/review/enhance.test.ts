// Enhance: the model's edited text becomes the smallest line edits, each a finding
// with a fix; applying every fix gives the model's text. And estimateReview.
import assert from 'node:assert/strict';
import type { HostDocument } from '../../../../src/engine/host/host-operation';
import { applyEdits } from '../../../../src/operations/edits';
import type { TextEdit } from '../../../../src/operations/findings';
import { createEnhanceOperation, estimateReview, lineEdits } from '../../../../src/operations/review';
import { fakeModel } from '../../../helpers/fake-chat-model';

const NEVER = new AbortController().signal;

function applyOffsets(text: string, edits: ReturnType<typeof lineEdits>): string {
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('enhance: edited text to minimal line edits', () => {
  const cases: [string, string, string, number][] = [
    ['a changed line', 'a\nb\nc\n', 'a\nB\nc\n', 1],
    ['two runs of changes', 'a\nb\nc\nd\ne\n', 'A\nb\nc\nD\ne\n', 2],
    ['a deleted line', 'a\nb\nc\n', 'a\nc\n', 1],
    ['a deleted last line without a line break', 'a\nb\nc', 'a\nb', 1],
    ['an inserted line', 'a\nc\n', 'a\nb\nc\n', 1],
    ['lines appended', 'a\n', 'a\nb\nc\n', 1],
    ['lines appended after a last line without a break', 'a', 'a\nb', 1],
    ['CRLF kept for new lines', 'a\r\nb\r\n', 'a\r\nB\r\nnew\r\n', 1],
    ['no change', 'a\nb\n', 'a\nb\n', 0],
  ];
  for (const [name, before, after, count] of cases) {
    it(name, () => {
      const edits = lineEdits(before, after);
      assert.equal(edits.length, count);
      assert.equal(applyOffsets(before, edits), after);
    });
  }

  it('keeps the final line break as the document has it, whatever the model did with it', () => {
    assert.equal(applyOffsets('a\nb\n', lineEdits('a\nb\n', 'a\nB')), 'a\nB\n');
    assert.deepEqual(lineEdits('a\nb\n', 'a\nb'), []);
    assert.deepEqual(lineEdits('a\nb', 'a\nb\n'), []);
    assert.equal(applyOffsets('a\r\nb', lineEdits('a\r\nb', 'a\nB\n')), 'a\r\nB');
  });
});

describe('enhance: the operation', () => {
  const text = 'Colour and flavour.\nSame line.\nThe centre.\n';
  const doc: HostDocument = { path: '/w/a.md', root: '/w', text, hash: 'h' };
  const american = (prompt: string) => {
    const body = prompt.slice(prompt.indexOf('The text:\n') + 'The text:\n'.length);
    return { text: '```json\n' + JSON.stringify({ text: body.replace(/our\b/g, 'or').replace(/centre/g, 'center') }) + '\n```' };
  };

  it('proposes one finding with a fix per run of changed lines; applying them gives the edited text; nothing is written', async () => {
    const model = fakeModel(american);
    const op = createEnhanceOperation(model, { instruction: 'Use American spelling' });
    const result = await op.run(doc, NEVER, () => undefined);
    assert.match(model.prompts[0]!, /Instruction: Use American spelling/);
    assert.deepEqual(result.findings!.map((f) => [f.rule, f.range.start.line, f.message]), [
      ['edit', 1, 'Proposed edit of line 1: Use American spelling'],
      ['edit', 3, 'Proposed edit of line 3: Use American spelling'],
    ]);
    const edits: TextEdit[] = result.findings!.flatMap((f) => f.fix!.edits);
    assert.equal(applyEdits(text, edits), 'Color and flavor.\nSame line.\nThe center.\n');
  });

  it('the instruction, the model and the prompt version are in the cache key', () => {
    const model = fakeModel(american);
    const a = createEnhanceOperation(model, { instruction: 'Use American spelling' });
    const b = createEnhanceOperation(model, { instruction: 'Use British spelling' });
    assert.notDeepEqual(a.settings, b.settings);
    assert.equal(a.settings!.model, 'fake-1');
    assert.equal(a.settings!.instruction, 'Use American spelling');
  });

  it('an answer that is not {"text": string} fails the document', async () => {
    const model = fakeModel(() => ({ text: 'Color and flavor.' }));
    await assert.rejects(createEnhanceOperation(model, { instruction: 'x' }).run(doc, NEVER, () => undefined), /the model's answer was not the JSON asked for/);
    const empty = fakeModel(() => ({ text: '{"text":""}' }));
    await assert.rejects(createEnhanceOperation(empty, { instruction: 'x' }).run(doc, NEVER, () => undefined), /"text" is empty/);
  });
});

describe('estimateReview', () => {
  it('counts documents, requests and tokens without sending anything', async () => {
    const model = fakeModel(() => {
      throw new Error('no request may be sent');
    }, { maxInputTokens: 900 });
    const small = [{ path: '/w/a.md', text: 'one line\n' }, { path: '/w/b.md', text: 'two\nlines\n' }];
    const fits = await estimateReview(model, small, NEVER);
    assert.equal(fits.documents, 2);
    assert.equal(fits.requests, 2);
    assert.equal(fits.fitsOneRequestEach, true);
    assert.ok(fits.tokens > 0 && fits.largestRequestTokens <= fits.tokens && fits.largestRequestTokens > fits.tokens / 2 - 10);
    const long = { path: '/w/long.md', text: Array.from({ length: 150 }, (_, i) => `Sentence ${i} of prose here.`).join('\n') };
    const split = await estimateReview(model, [...small, long], NEVER);
    assert.equal(split.fitsOneRequestEach, false);
    assert.ok(split.requests > 3, `${split.requests} requests`);
    assert.ok(split.largestRequestTokens <= 900 - 225);
    assert.equal(model.prompts.length, 0);
  });
});
