// The language-model options, checked against the operations that use them.
import assert from 'node:assert/strict';
import { MODEL_OPERATION_IDS, MODEL_OPTIONS, MODEL_USAGE, parseModelOptions, type ModelArgValues } from '../../../src/cli/model-args';

const URL_ = 'http://127.0.0.1:9/v1';
const throwsMessage = (ops: string[], v: ModelArgValues, message: string | RegExp) =>
  assert.throws(() => parseModelOptions(ops, v), (err: Error) => (typeof message === 'string' ? err.message === message : message.test(err.message)), JSON.stringify(v));

describe('parseModelOptions', () => {
  it('no model operation and no model option: undefined', () => {
    assert.equal(parseModelOptions(['analyze', 'lint'], {}), undefined);
  });

  it('a model option without review or enhance names that option', () => {
    throwsMessage(['analyze'], { model: 'm' }, '--model goes with --ops review or --ops enhance');
    throwsMessage(['analyze'], { 'model-timeout': '3', instruction: 'x' }, '--model-timeout goes with --ops review or --ops enhance');
    throwsMessage([], { instruction: 'x' }, '--instruction goes with --ops review or --ops enhance');
  });

  it('review and enhance are the model operations', () => {
    assert.deepEqual(MODEL_OPERATION_IDS, ['review', 'enhance']);
    assert.deepEqual(Object.keys(MODEL_OPTIONS), ['model-endpoint', 'model', 'model-key-env', 'model-max-input-tokens', 'model-concurrency', 'model-timeout', 'instruction']);
    for (const o of Object.values(MODEL_OPTIONS)) assert.equal(o.type, 'string');
    for (const k of Object.keys(MODEL_OPTIONS)) assert.ok(MODEL_USAGE.includes(`--${k} `), k);
  });

  it('defaults: the endpoint and the trimmed model, two requests at once, nothing else', () => {
    assert.deepEqual(parseModelOptions(['analyze', 'review'], { 'model-endpoint': URL_, model: '  gpt  ' }), { endpoint: URL_, model: 'gpt', concurrency: 2 });
  });

  it('every option given', () => {
    assert.deepEqual(
      parseModelOptions(['enhance'], {
        'model-endpoint': 'HTTPS://example.com',
        model: 'm',
        'model-key-env': '_KEY9',
        'model-max-input-tokens': '256',
        'model-concurrency': '1',
        'model-timeout': '1',
        instruction: ' shorter ',
      }),
      { endpoint: 'HTTPS://example.com', model: 'm', keyEnv: '_KEY9', maxInputTokens: 256, concurrency: 1, timeoutMs: 1000, instruction: ' shorter ' },
    );
  });

  it('the endpoint is required, and must be an http or https URL with a host', () => {
    throwsMessage(['review'], { model: 'm' }, '--ops review sends documents to a language model: give --model-endpoint URL and --model NAME');
    throwsMessage(['enhance', 'review'], { model: 'm' }, /^--ops enhance sends/);
    for (const bad of ['ftp://x', 'http://', 'http:///x', 'localhost:8080', ' http://x', 'http://a b']) {
      throwsMessage(['review'], { 'model-endpoint': bad, model: 'm' }, `--model-endpoint takes an http:// or https:// URL, not '${bad}'`);
    }
    throwsMessage(['review'], { 'model-endpoint': 'http://[::1', model: 'm' }, /--model-endpoint takes/);
  });

  it('the model is required and not blank', () => {
    throwsMessage(['review'], { 'model-endpoint': URL_ }, '--model-endpoint goes with --model NAME (the model the endpoint should use)');
    throwsMessage(['review'], { 'model-endpoint': URL_, model: '  ' }, /^--model-endpoint goes with --model NAME/);
  });

  it('the key variable must be an environment variable name', () => {
    for (const bad of ['1KEY', 'MY-KEY', 'KEY ', '', 'A.B']) {
      throwsMessage(['review'], { 'model-endpoint': URL_, model: 'm', 'model-key-env': bad }, `--model-key-env takes the name of an environment variable, not '${bad}'`);
    }
    assert.equal(parseModelOptions(['review'], { 'model-endpoint': URL_, model: 'm', 'model-key-env': 'a_B1' })!.keyEnv, 'a_B1');
  });

  it('enhance needs an instruction that is not blank; review takes none', () => {
    throwsMessage(['enhance'], { 'model-endpoint': URL_, model: 'm' }, '--ops enhance needs --instruction TEXT (what to change in every document)');
    throwsMessage(['enhance'], { 'model-endpoint': URL_, model: 'm', instruction: ' ' }, /^--ops enhance needs --instruction/);
    throwsMessage(['review'], { 'model-endpoint': URL_, model: 'm', instruction: 'x' }, '--instruction goes with --ops enhance');
    assert.equal(parseModelOptions(['review', 'enhance'], { 'model-endpoint': URL_, model: 'm', instruction: 'x' })!.instruction, 'x');
  });

  it('whole numbers with their minimums: 256 input tokens, 1 request, 1 second', () => {
    const base = { 'model-endpoint': URL_, model: 'm' };
    throwsMessage(['review'], { ...base, 'model-max-input-tokens': '255' }, "--model-max-input-tokens takes a whole number of at least 256, not '255'");
    throwsMessage(['review'], { ...base, 'model-concurrency': '0' }, "--model-concurrency takes a whole number of at least 1, not '0'");
    throwsMessage(['review'], { ...base, 'model-timeout': '0' }, "--model-timeout takes a whole number of at least 1, not '0'");
    throwsMessage(['review'], { ...base, 'model-timeout': '1.5' }, /--model-timeout takes/);
    throwsMessage(['review'], { ...base, 'model-timeout': 'x5' }, /--model-timeout takes/);
    throwsMessage(['review'], { ...base, 'model-timeout': '5x' }, /--model-timeout takes/);
    assert.equal(parseModelOptions(['review'], { ...base, 'model-concurrency': '12' })!.concurrency, 12);
    assert.equal(parseModelOptions(['review'], { ...base, 'model-max-input-tokens': '4096' })!.maxInputTokens, 4096);
  });
});
