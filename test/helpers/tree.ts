// Temporary document trees for tests: made under the OS temp folder, removed after.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type TreeSpec = Record<string, string | Uint8Array>;

export function makeTree(spec: TreeSpec, prefix = 'bom-test-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  writeTree(root, spec);
  return root;
}

export function writeTree(root: string, spec: TreeSpec): void {
  for (const [rel, content] of Object.entries(spec)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
