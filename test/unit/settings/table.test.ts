// package.json's settings against the one table (src/settings/table.ts): the same
// keys, types, defaults, minimums, descriptions (through package.nls.json) and
// untrusted-workspace restrictions. A setting added to package.json alone fails here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SECTION, SETTINGS, settingKey, type SettingName } from '../../../src/settings/table';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;
const names = Object.keys(SETTINGS) as SettingName[];

/** A package.json string as the editor shows it: a %key% resolved through package.nls.json. */
function resolved(text: unknown): unknown {
  const key = typeof text === 'string' ? /^%(.+)%$/.exec(text)?.[1] : undefined;
  return key === undefined ? text : nls[key];
}

describe('settings table', () => {
  it('has exactly the settings package.json contributes', () => {
    assert.deepEqual(Object.keys(properties).sort(), names.map(settingKey).sort());
    for (const key of Object.keys(properties)) assert.ok(key.startsWith(`${SECTION}.`), key);
  });

  for (const name of names) {
    it(`${name}: type, default, minimum and description as package.json has them`, () => {
      const spec = SETTINGS[name];
      const p = properties[settingKey(name)];
      assert.ok(p, `package.json has no ${settingKey(name)}`);
      assert.deepEqual(p.type, spec.type, 'type');
      assert.deepEqual(p.default, spec.default, 'default');
      assert.equal(p.minimum, 'minimum' in spec ? spec.minimum : undefined, 'minimum');
      const field = spec.markdown ? 'markdownDescription' : 'description';
      assert.ok(p[field], `package.json gives ${name} a ${field}`);
      assert.equal(resolved(p[field]), spec.description, 'description');
    });
  }

  it('restricts in untrusted workspaces exactly the settings the table marks restricted', () => {
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual([...restricted].sort(), names.filter((n) => SETTINGS[n].restricted).map(settingKey).sort());
  });

  it('keeps each default within its minimum', () => {
    for (const name of names) {
      const { default: value, minimum } = SETTINGS[name] as { default: unknown; minimum?: number };
      if (minimum !== undefined) assert.ok(typeof value === 'number' && value >= minimum, name);
    }
  });
});
