// What a workspace phase may ask the file system about paths that are not
// documents of the run: links into files that excludes or .gitignore left out
// still resolve when the file exists.
import * as fs from 'node:fs';
import type { TargetProbe } from '../../operations/operation';

export const nodeTargetProbe: TargetProbe = {
  async kind(path) {
    try {
      const st = await fs.promises.stat(path);
      return st.isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  },
  async list(dir) {
    try {
      return await fs.promises.readdir(dir);
    } catch {
      return undefined;
    }
  },
};
