// package.json's user-facing words live in package.nls.json: every %key% it uses
// is there, and every key there is used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkgText = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText);
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));

/** Every string value in package.json, with its JSON path. */
function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${at}.${k}`);
}

const used = new Set([...strings(pkg, '')].flatMap(([, s]) => [.../^%([^%\s]+)%$/.exec(s)?.slice(1) ?? []]));

/** The fields whose text a user reads (the editor, the Marketplace). */
const WORDS = /(^\.(displayName|description)$|\.title$|\.name$|\.contents$|[dD]escription$|DeprecationMessage$|\.category$|enumDescriptions\[\d+\]$)/;

describe('package.nls.json', () => {
  it('has every %key% package.json uses', () => {
    const missing = [...used].filter((k) => !(k in nls));
    assert.deepEqual(missing, []);
  });

  it('has no key package.json does not use', () => {
    const unused = Object.keys(nls).filter((k) => !used.has(k));
    assert.deepEqual(unused, []);
  });

  it('leaves no user-facing text of package.json unlocalised', () => {
    // (the top-level name is the package's id, not words)
    const bare = [...strings(pkg, '')].filter(([at, s]) => at !== '.name' && WORDS.test(at) && !/^%[^%\s]+%$/.test(s)).map(([at]) => at);
    assert.deepEqual(bare, []);
  });

  it('declares the l10n folder with its bundle', () => {
    assert.equal(pkg.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(ROOT, 'l10n', 'bundle.l10n.json')));
  });

  it('l10n/bundle.l10n.json holds exactly the vscode.l10n.t strings of src/ (npm run l10n rewrites it)', async () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.as.ts'))
      .map((f) => ({ extension: '.ts', contents: fs.readFileSync(path.join(ROOT, 'src', f), 'utf8') }));
    const expected = await getL10nJson(files);
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(expected).sort());
  });

  // Regression: the language-model commands translated through a wrapper,
  // `const t = (template, ...args) => vscode.l10n.t(template, ...args)`, and the
  // decisions through a `t` parameter. The strings were translated at run time but
  // the extractor never saw them: 28 of them were missing from the bundle.
  it('every translated string of src/ui is a literal in an l10n.t(...) call the extractor sees', async () => {
    const ui = path.join(ROOT, 'src', 'ui');
    const sources = fs
      .readdirSync(ui, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      // Code only: comments may quote a call.
      .map((f) => ({ file: f, contents: fs.readFileSync(path.join(ui, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '') }));
    const wrapped = sources.flatMap(({ file, contents }) => [...contents.matchAll(/(?<![\w.])t\(\s*['"`]/g)].map((m) => `${file}: ${contents.slice(m.index, m.index + 40)}`));
    assert.deepEqual(wrapped, [], 'a string passed to a bare t(...) is translated by nothing the bundle knows of');
    const passedOn = sources.filter(({ contents }) => /=>\s*vscode\.l10n\.t\(\s*[a-z]/i.test(contents)).map(({ file }) => file);
    assert.deepEqual(passedOn, [], 'a function that hands vscode.l10n.t a variable as the message');
    // And the extractor sees the calls there are, file by file (a module needs its import of vscode for that).
    for (const { file, contents } of sources) {
      const calls = [...contents.matchAll(/(?<![\w])l10n\.t\(\s*['"`]/g)].length;
      if (calls === 0) continue;
      const found = Object.keys(await getL10nJson([{ extension: '.ts', contents }])).length;
      assert.ok(found > 0, `${file}: ${calls} l10n.t calls, none extracted (import vscode, as l10n.ts says)`);
    }
  });
});
