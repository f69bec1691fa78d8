import assert from 'node:assert/strict';
import { lintSettingsOf } from '../../../../src/ui/decisions/lintSettings';

describe('lint settings from batchOperations.lint.*', () => {
  it('JavaScript configuration loads only with the setting on in a trusted workspace', () => {
    assert.deepEqual(lintSettingsOf({ allowJavaScriptConfig: true }, true), { allowCode: true });
    assert.deepEqual(lintSettingsOf({ allowJavaScriptConfig: true }, false), {});
    assert.deepEqual(lintSettingsOf({ allowJavaScriptConfig: false }, true), {});
    assert.deepEqual(lintSettingsOf({ allowJavaScriptConfig: 'true' }, true), {});
  });

  it('the base configuration is an object; anything else, or an empty one, adds nothing to the cache key', () => {
    assert.deepEqual(lintSettingsOf({ config: { MD013: false } }, false), { config: { MD013: false } });
    assert.deepEqual(lintSettingsOf({ config: {} }, true), {});
    assert.deepEqual(lintSettingsOf({ config: ['MD013'] }, true), {});
    assert.deepEqual(lintSettingsOf({ config: 'MD013' }, true), {});
  });
});
