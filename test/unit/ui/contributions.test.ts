// package.json's commands and the handlers src/extension.ts registers: every
// contributed command has a handler and every handler is contributed (read from
// the source: the extension itself needs an editor to load).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('contributed commands', () => {
  it('match the handlers src/extension.ts registers, and every menu entry names one of them', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    const source = fs.readFileSync(path.join(ROOT, 'src', 'extension.ts'), 'utf8');
    const registered = [...source.matchAll(/command\(\s*'(batchOperations\.[\w.]+)'/g)].map((m) => m[1]!);
    // The open-location command is registered by its constant (src/ui/findingItems.ts).
    const open = /OPEN_COMMAND = '([\w.]+)'/.exec(fs.readFileSync(path.join(ROOT, 'src', 'ui', 'findingItems.ts'), 'utf8'))?.[1];
    assert.ok(open && /command\(OPEN_COMMAND,/.test(source));
    // runFromStatistics is internal (the statistics message's "Run Again"): registered, not contributed.
    const internal = ['batchOperations.runFromStatistics'];
    assert.deepEqual([...registered, open].filter((c) => !internal.includes(c)).sort(), contributed);
    const menus = Object.values(pkg.contributes.menus as Record<string, { command: string }[]>).flat();
    for (const m of menus) assert.ok(contributed.includes(m.command), `menu entry ${m.command} is a contributed command`);
  });
});
