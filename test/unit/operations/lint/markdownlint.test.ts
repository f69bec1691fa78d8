// markdownlint's results in the findings model: rule, message, range, severity, fixes.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMarkdownlint, toProblems } from '../../../../src/operations/lint/markdownlint';
import { MARKDOWNLINT_RULES, ruleHelpUri } from '../../../../src/operations/lint/rules';
import { lintFindings } from '../../../../src/operations/lint';
import { applyLintFixes } from '../../../../src/operations/lint/fix';

const problemsOf = (text: string, config?: Record<string, unknown>) => toProblems(text, runMarkdownlint(text, { config }));

describe('lint: markdownlint results as findings', () => {
  it('names the rule by id and puts names, description, detail and context in the message', () => {
    const text = `# T\n\n${'word '.repeat(23)}word\n`;
    const [p] = problemsOf(text);
    assert.equal(p!.r, 'MD013');
    assert.equal(p!.m, 'MD013/line-length: Line length [Expected: 80; Actual: 119]');
    const [h] = problemsOf('#T\n');
    assert.equal(h!.m, 'MD018/no-missing-space-atx: No space after hash on atx style heading [Context: "#T"]');
  });

  it('takes the range from errorRange in UTF-16 columns, else the whole line', () => {
    const text = '# 😀 T\n\n😀 x   \n';
    const trailing = problemsOf(text).find((p) => p.r === 'MD009')!;
    assert.deepEqual([trailing.l, trailing.c, trailing.e], [3, 5, 8]); // "😀 x" is 4 UTF-16 units
    const dup = problemsOf('# A\n\n# A\n', { MD025: false }).find((p) => p.r === 'MD024')!;
    assert.deepEqual([dup.l, dup.c, dup.e], [3, 1, 4]);
  });

  it('reports every markdownlint problem as a warning, whatever markdownlint 0.40 calls it (batchOperations.severity raises a rule)', () => {
    const [p] = lintFindings({ problems: problemsOf('# T\n\nx  \t\n', { MD010: 'warning', MD009: false }) });
    assert.equal(p!.rule, 'MD010');
    assert.equal(p!.severity, 'warning');
    const [q] = lintFindings({ problems: problemsOf('#T\n') });
    assert.equal(q!.rule, 'MD018');
    assert.equal(q!.severity, 'warning', 'markdownlint says error here');
  });

  it('makes a deleted line an edit that removes it with its line ending', () => {
    const text = '# T\r\n\r\n\r\n\r\nx\r\n';
    const p = problemsOf(text).find((q) => q.r === 'MD012')!;
    assert.deepEqual(p.x, [[3, 1, 4, 1, '']]);
    const [f] = lintFindings({ problems: [p] });
    assert.equal(f!.fix!.description, 'Fix MD012/no-multiple-blanks');
    assert.equal(applyLintFixes(text, [f!]), '# T\r\n\r\n\r\nx\r\n');
  });

  it('writes inserted line breaks in the line ending the fixed text will have', () => {
    const text = '# T\r\n\r\ntext\r\n* item\r\n';
    const p = problemsOf(text).find((q) => q.r === 'MD032')!;
    assert.deepEqual(p.x, [[4, 1, 4, 1, '\r\n']]);
  });

  it('lists every built-in rule of the installed markdownlint, with its documentation link', () => {
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../node_modules/markdownlint/schema/markdownlint-config-schema.json'), 'utf8')) as {
      properties: Record<string, { description: string }>;
    };
    const expected = Object.entries(schema.properties)
      .filter(([k]) => /^MD\d{3}$/.test(k))
      .map(([k, v]) => {
        const [names, description, uri] = v.description.split(' : ');
        return [k, names!.split('/').slice(1).join('/'), description, uri];
      });
    assert.deepEqual(
      MARKDOWNLINT_RULES.map((r) => [r.id, r.name, r.description, r.helpUri]),
      expected,
    );
    const [error] = (() => {
      const text = '#T\n';
      return runMarkdownlint(text);
    })();
    assert.equal(error!.ruleInformation, ruleHelpUri('MD018'));
  });
});
