// The workspace phase through createResolver, with a probe backed by the real
// file system of the fixture: findings exactly where they belong, fixes that
// replace exactly the characters written, and incrementality counted.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DocumentFinding } from '../../../../src/operations/findings';
import type { TargetProbe } from '../../../../src/operations/operation';
import { createLinks, type LinksFacts, type LinksResolver } from '../../../../src/operations/links';
import { FIXTURE, brief, chunksOf, fsProbe, markdownFiles, readText, runDocument } from './fixture';

const op = createLinks({ ignore: ['generated/**'] });
const phase = op.workspace!;

function factsOf(text: string): LinksFacts {
  return phase.facts(runDocument(op, chunksOf(text, []))) as LinksFacts;
}

function resolverOver(files: ReadonlyMap<string, string>, probe: TargetProbe = fsProbe): LinksResolver {
  const resolver = phase.createResolver(probe) as LinksResolver;
  for (const [p, text] of files) resolver.set(p, FIXTURE, factsOf(text));
  return resolver;
}

function fixtureFiles(): Map<string, string> {
  return new Map(markdownFiles(FIXTURE, op.accepts).map((p) => [p, readText(p)]));
}

function briefs(found: Map<string, DocumentFinding[]>): string[] {
  const out: string[] = [];
  for (const [p, list] of found) for (const f of list) out.push(`${path.relative(FIXTURE, p)} ${brief(f)}`);
  return out.sort();
}

describe('links: the workspace phase', () => {
  it('reports missing files, case mismatches and fragments of other documents exactly', async () => {
    const resolver = resolverOver(fixtureFiles());
    const found = await resolver.resolve();
    assert.deepEqual(briefs(found), [
      'README.md case-mismatch 33:31-33:44',
      'README.md missing-file 32:94-32:109',
      'README.md missing-file 33:10-33:22',
      'README.md missing-file 34:46-34:61',
      'README.md missing-file 45:10-45:25',
      'README.md missing-file 45:51-45:66',
      'README.md missing-file 54:14-54:27',
      'README.md missing-file 61:9-61:25',
      'README.md missing-fragment-in-file 31:91-31:102',
      'docs/guide.md missing-file 5:102-5:117',
      'docs/guide.md missing-fragment-in-file 5:70-5:84',
    ]);
    // Every document is in the answer, with an empty list when it has no findings.
    assert.deepEqual([...found.keys()].map((p) => path.relative(FIXTURE, p)).sort(), ['README.md', 'docs/guide.md', 'docs/guide/index.md', 'docs/my file.md', 'peer-differences.md']);
  });

  it('suggests a close name and fixes exactly the characters written', async () => {
    const files = fixtureFiles();
    const found = await resolverOver(files).resolve();
    const readmeLines = files.get(path.join(FIXTURE, 'README.md'))!.split('\n');
    const guideLines = files.get(path.join(FIXTURE, 'docs/guide.md'))!.split('\n');
    const edited = (lines: string[], f: DocumentFinding): string => {
      const edit = f.fix?.edits[0];
      assert.ok(edit, 'the finding has a fix');
      const line = lines[edit.range.start.line - 1];
      assert.ok(line !== undefined, 'the fix is on a line of the document');
      return line.slice(0, edit.range.start.column - 1) + edit.newText + line.slice(edit.range.end.column - 1);
    };
    const readme = found.get(path.join(FIXTURE, 'README.md'))!;
    const typo = readme.find((f) => f.range.start.line === 33 && f.rule === 'missing-file')!;
    assert.match(typo.message, /did you mean docs\/guide\.md\?/);
    assert.match(edited(readmeLines, typo), /\[typo\]\(docs\/guide\.md\) \[case\]/);
    const kase = readme.find((f) => f.rule === 'case-mismatch')!;
    assert.match(edited(readmeLines, kase), /\[case\]\(docs\/guide\.md\) \[spaces\]/);
    assert.equal(readme.find((f) => f.range.start.line === 32)!.fix, undefined);
    const guide = found.get(path.join(FIXTURE, 'docs/guide.md'))!;
    const fragment = guide.find((f) => f.rule === 'missing-fragment-in-file')!;
    assert.match(edited(guideLines, fragment), /\[bad\]\(\.\.\/README\.md#links-fixture\)/);
    const sameName = guide.find((f) => f.rule === 'missing-file')!;
    assert.match(sameName.message, /did you mean \.\.\/README\.md\?/);
    assert.match(edited(guideLines, sameName), /\[same name\]\(\.\.\/README\.md\)/);
  });

  it('recomputes only the changed document and the documents linking into it', async () => {
    const files = new Map(fixtureFiles());
    const a = path.join(FIXTURE, 'a.md');
    const b = path.join(FIXTURE, 'b.md');
    const c = path.join(FIXTURE, 'c.md');
    files.set(a, '[b](b.md#two)\n');
    files.set(b, '# One\n');
    files.set(c, '[readme](README.md)\n');
    const resolver = resolverOver(files);
    await resolver.resolve();
    const before = resolver.recomputed;
    assert.equal(before, files.size);
    assert.equal((await resolver.resolve()).size, 0, 'nothing dirty, nothing recomputed');

    resolver.set(b, FIXTURE, factsOf('# One\n## Two\n'));
    const after = await resolver.resolve();
    assert.equal(resolver.recomputed - before, 2);
    assert.deepEqual([...after.keys()].sort(), [a, b]);
    assert.deepEqual(after.get(a), []);

    resolver.delete(b);
    const gone = await resolver.resolve();
    assert.deepEqual([...gone.keys()].sort(), [a, b]);
    assert.deepEqual(gone.get(b), []);
    assert.deepEqual(gone.get(a)!.map(brief), ['missing-file 1:5-1:9']);
  });

  it('marks dirty the documents linking with the wrong letter case when the target appears', async () => {
    const a = path.join(FIXTURE, 'a.md');
    const target = path.join(FIXTURE, 'new.md');
    const empty: TargetProbe = { kind: async () => 'missing', list: async () => [] };
    const resolver = resolverOver(new Map([[a, '[x](NEW.md)\n']]), empty);
    assert.deepEqual(briefs(await resolver.resolve()), ['a.md missing-file 1:5-1:11']);
    const withTarget: TargetProbe = { kind: async (p) => (p === target ? 'file' : 'missing'), list: async () => ['new.md'] };
    const second = phase.createResolver(withTarget) as LinksResolver;
    second.set(a, FIXTURE, factsOf('[x](NEW.md)\n'));
    await second.resolve();
    second.set(target, FIXTURE, factsOf('# New\n'));
    const found = await second.resolve();
    assert.deepEqual(briefs(found), ['a.md case-mismatch 1:5-1:11']);
  });

  it('asks the probe about each target once per resolve() and checks files left out of the run', async () => {
    const asked: string[] = [];
    const counting: TargetProbe = {
      kind: (p) => {
        asked.push(p);
        return fsProbe.kind(p);
      },
      list: fsProbe.list,
    };
    const a = path.join(FIXTURE, 'a.md');
    const resolver = resolverOver(new Map([[a, '[x](src/main.ts) [y](src/main.ts#L10) [z](./src/main.ts)\n']]), counting);
    assert.deepEqual(briefs(await resolver.resolve()), []);
    assert.deepEqual(asked, [path.join(FIXTURE, 'src/main.ts')]);
  });

  it('starts the probes of every target at once, and never probes an ignored one', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const slow = <T>(value: T): Promise<T> => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise((resolve) => setImmediate(() => {
        inFlight--;
        resolve(value);
      }));
    };
    const concurrent: TargetProbe = {
      kind: (p) => {
        asked.push(path.relative(FIXTURE, p));
        return slow('missing' as const);
      },
      list: () => slow([]),
    };
    const a = path.join(FIXTURE, 'a.md');
    const resolver = resolverOver(new Map([[a, '[x](one.md) [y](two/b.md) [z](three.md) [g](generated/x.md)\n']]), concurrent);
    assert.equal((await resolver.resolve()).get(a)?.length, 3);
    assert.deepEqual(asked.sort(), ['one.md', 'three.md', 'two/b.md']);
    assert.equal(most, 5, 'three kinds and two folder listings in flight together');
  });

  it('ignores targets matching the ignore globs by their path from the workspace folder', async () => {
    const ignoring = createLinks({ ignore: ['docs/**'] });
    const a = path.join(FIXTURE, 'sub', 'a.md');
    const resolver = ignoring.workspace!.createResolver(fsProbe);
    resolver.set(a, FIXTURE, ignoring.workspace!.facts(runDocument(ignoring, chunksOf('[x](../docs/none.md) [y](../nothing.md)\n', []))));
    assert.deepEqual(briefs(await resolver.resolve()), ['sub/a.md missing-file 1:26-1:39']);
  });

  it('fixes only the path of a destination with a query and a fragment', async () => {
    const a = path.join(FIXTURE, 'a.md');
    const text = '[x](docs/gide.md?plain=1#setup)\n';
    const found = (await resolverOver(new Map([[a, text]])).resolve()).get(a)!;
    assert.deepEqual(found.map(brief), ['missing-file 1:5-1:17']);
    const edit = found[0]?.fix?.edits[0];
    assert.ok(edit);
    assert.equal(text.slice(0, edit.range.start.column - 1) + edit.newText + text.slice(edit.range.end.column - 1), '[x](docs/guide.md?plain=1#setup)\n');
  });

  it('finds a case mismatch on a case-insensitive file system too, from the folder listing', async () => {
    const a = path.join(FIXTURE, 'a.md');
    const insensitive: TargetProbe = { kind: async () => 'file', list: async () => ['Logo.PNG', 'other.png'] };
    const found = await resolverOver(new Map([[a, '![l](img/logo.png) ![o](img/other.png)\n']]), insensitive).resolve();
    assert.deepEqual(briefs(found), ['a.md case-mismatch 1:6-1:18']);
    assert.equal(found.get(a)?.[0]?.fix?.edits[0]?.newText, 'img/Logo.PNG');
  });

  it('keeps the unfinished documents dirty when aborted, and yields to the event loop while it works', async () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 300; i++) files.set(path.join(FIXTURE, `gen-${i}.md`), `[next](gen-${i + 1}.md#heading) [nope](missing-${i}.md)\n`);
    const controller = new AbortController();
    let ticks = 0;
    const slowProbe: TargetProbe = {
      kind: async (p) => {
        const start = performance.now();
        while (performance.now() - start < 0.2); // a probe that costs time, so resolve() must slice
        return fsProbe.kind(p);
      },
      list: fsProbe.list,
    };
    const resolver = resolverOver(files, slowProbe);
    const ticker = setInterval(() => ticks++, 0);
    const first = await resolver.resolve();
    clearInterval(ticker);
    assert.equal(first.size, 300);
    assert.ok(ticks > 0, 'timers ran while resolve() worked');

    for (const p of files.keys()) resolver.set(p, FIXTURE, factsOf(files.get(p)!));
    setImmediate(() => controller.abort());
    const partial = await resolver.resolve(controller.signal);
    assert.ok(partial.size > 0 && partial.size < 300, `aborted after ${partial.size}`);
    const rest = await resolver.resolve();
    assert.equal(partial.size + rest.size, 300);
    for (const p of rest.keys()) assert.ok(!partial.has(p));
  });
});
