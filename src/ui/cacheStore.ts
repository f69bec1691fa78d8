// The result cache's file: <storageUri>/result-cache.json (global storage without a workspace).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResultCache } from '../engine/index';

export class CacheStore {
  readonly file: string | undefined;

  constructor(context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    const base = context.storageUri ?? context.globalStorageUri;
    this.file = base.scheme === 'file' ? path.join(base.fsPath, 'result-cache.json') : undefined;
  }

  load(cache: ResultCache): number {
    if (!this.file) return 0;
    const t = Date.now();
    const { loaded, warning } = cache.load(this.file);
    if (warning) this.log.warn(warning);
    else if (loaded > 0) this.log.info(`cache: loaded ${loaded} results from ${this.file} in ${Date.now() - t} ms`);
    return loaded;
  }

  save(cache: ResultCache): void {
    if (!this.file) return;
    try {
      cache.save(this.file);
    } catch (err) {
      this.log.warn(`cache: could not save ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  delete(): void {
    if (this.file) fs.rmSync(this.file, { force: true });
  }
}
