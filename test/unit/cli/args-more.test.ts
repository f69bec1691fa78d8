// parseCli: the options args.test.ts leaves out (operations, --fix, the model options, notices).
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { MAX_THREADS_PER_CORE, parseCli, UsageError, USAGE } from '../../../src/cli/args';
import { builtInOperationIds } from '../../../src/operations/registry';
import { SETTINGS } from '../../../src/settings/table';

const usageMessage = (argv: string[]): string => {
  try {
    parseCli(argv);
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseCli: more options', () => {
  it('defaults: every built-in operation, --fail-on error, no fix, no model, quiet, no notices', () => {
    const o = parseCli([]);
    assert.deepEqual(o.ops, builtInOperationIds());
    assert.equal(o.failOn, 'error');
    assert.deepEqual([o.fix, o.dryRun, o.verbose, o.allowJsConfig], [false, false, false, false]);
    assert.equal('model' in o, false);
    assert.equal(o.maxDocuments, undefined);
    assert.deepEqual(o.notices, []);
  });

  it('switches and values: --ops, --fail-on, --fix --dry-run, --verbose, --allow-js-config, --max-documents', () => {
    const o = parseCli(['--ops', 'links,analyze', '--fail-on', 'warning', '--fix', '--dry-run', '--verbose', '--allow-js-config', '--max-documents', '7']);
    assert.deepEqual(o.ops, ['links', 'analyze']);
    assert.equal(o.failOn, 'warning');
    assert.deepEqual([o.fix, o.dryRun, o.verbose, o.allowJsConfig, o.maxDocuments], [true, true, true, true, 7]);
    assert.equal(parseCli(['--fix']).dryRun, false);
    assert.equal(parseCli(['--format', 'sarif']).format, 'sarif');
  });

  it('review is known to --ops, with the model options', () => {
    const o = parseCli(['--ops', 'review', '--model-endpoint', 'http://127.0.0.1:9/v1', '--model', 'm']);
    assert.deepEqual(o.ops, ['review']);
    assert.deepEqual(o.model, { endpoint: 'http://127.0.0.1:9/v1', model: 'm', concurrency: 2 });
  });

  it('usage errors from --ops, --fail-on, the model options and --dry-run, each one line', () => {
    assert.match(usageMessage(['--ops', 'nope']), /^--ops takes comma-separated operations among .*review, enhance, not 'nope'$/);
    assert.match(usageMessage(['--fail-on', 'sometimes']), /^--fail-on takes one of/);
    assert.equal(usageMessage(['--model', 'm']), '--model goes with --ops review or --ops enhance');
    assert.equal(usageMessage(['--dry-run']), '--dry-run goes with --fix (it shows the fixes without writing them)');
    assert.equal(usageMessage(['--format', 'xml']), "--format must be one of table, json, csv, md, sarif, not 'xml'");
    assert.equal(usageMessage(['--max-documents', '0']), "--max-documents takes a whole number of at least 1, not '0'");
    assert.equal(usageMessage(['--timeout', '0']), "--timeout takes a whole number of at least 1, not '0'");
    assert.equal(usageMessage(['--max-run-length', 'x']), "--max-run-length takes a whole number of at least 0, not 'x'");
    assert.equal(usageMessage(['--max-bytes', '0']), "--max-bytes takes a size such as 500k, 10MiB or 1GB, not '0'");
    assert.equal(usageMessage(['--markers', 'a b']), "--markers takes comma-separated words, not 'a b'");
  });

  it('a value that starts with a dash is taken as the value, so the option itself names the problem', () => {
    assert.equal(usageMessage(['--concurrency', '-1']), "--concurrency takes a whole number of at least 0, not '-1'");
    assert.equal(usageMessage(['docs', '--timeout', '-5', 'more']), "--timeout takes a whole number of at least 1, not '-5'");
    // The option last, with no value: parseArgs' own message, its first line only.
    assert.match(usageMessage(['--timeout']), /^Option '--timeout <value>' argument missing$/);
    assert.match(usageMessage(['--no-gitignore=yes']), /^Option '--no-gitignore' does not take an argument/);
  });

  it('markers: words with letters, digits, _ and -', () => {
    assert.deepEqual(parseCli(['--markers', 'é_1,X-Y']).markers, ['é_1', 'X-Y']);
    assert.match(usageMessage(['--markers', 'TODO,a.b']), /^--markers takes/);
  });

  it('--concurrency above four threads a core is lowered to that, with a notice; at the limit it is kept', () => {
    const max = MAX_THREADS_PER_CORE * os.availableParallelism();
    assert.equal(MAX_THREADS_PER_CORE, 4);
    const at = parseCli(['--concurrency', String(max)]);
    assert.deepEqual([at.concurrency, at.notices], [max, []]);
    const over = parseCli(['--concurrency', String(max + 1)]);
    assert.equal(over.concurrency, max);
    assert.deepEqual(over.notices, [`--concurrency ${max + 1} is more than 4 threads a core: using ${max}`]);
  });

  it('the usage text gives the default markers, comma-separated', () => {
    assert.ok(USAGE.includes(`(default ${SETTINGS.markers.default.join(',')})`));
    assert.ok(SETTINGS.markers.default.length > 1);
  });

  it('the usage text names the operations options and the model options', () => {
    for (const option of ['--ops', '--fail-on', '--fix', '--dry-run', '--allow-js-config', '--max-documents', '--model-endpoint', '--instruction']) assert.ok(USAGE.includes(option), option);
  });
});
