// The result cache's file: <storageUri>/result-cache.json (global storage without a workspace).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResultCache } from '../engine/index';

export class CacheStore {
  readonly file: string | undefined;
  /** The background save writing now, and the cache to save again after it. */
  private saving: Promise<void> | undefined;
  private again: ResultCache | undefined;

  constructor(context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    const base = context.storageUri ?? context.globalStorageUri;
    this.file = base.scheme === 'file' ? path.join(base.fsPath, 'result-cache.json') : undefined;
  }

  /** Loads the saved results in slices; a run started meanwhile waits for them (see ResultCache.loadSliced). */
  loadInBackground(cache: ResultCache): void {
    const file = this.file;
    if (!file) return;
    const t = Date.now();
    cache.loadSliced(file).then(
      ({ loaded, warning }) => {
        if (warning) this.log.warn(warning);
        else if (loaded > 0) this.log.info(`cache: loaded ${loaded} results from ${file} in ${Date.now() - t} ms (in slices)`);
      },
      (err: unknown) => this.log.warn(`cache: could not load ${file}: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** Saves now, in one go (a settings change, a reload, shutdown); nothing to do when the file already holds it all. */
  save(cache: ResultCache): void {
    // While a load is under way the file holds more than the cache: nothing to save.
    if (!this.file || cache.loading || (!cache.unsaved && !this.saving)) return;
    // A save still writing in the background gives way to this one (see ResultCache.saveSliced).
    // The file goes through the engine's one write path (atomic, never over a file that is not a cache).
    this.ensureFolder();
    const result = cache.save(this.file);
    if (result.kind === 'refused') this.warn(result.detail);
  }

  /**
   * Saves after a run without holding the extension host (shared by every
   * extension) for more than a few milliseconds at a time. Nothing to do when
   * the run changed nothing; one save at a time, the last request saved last.
   */
  saveInBackground(cache: ResultCache): void {
    if (!this.file || !cache.unsaved) return;
    if (this.saving) {
      this.again = cache;
      return;
    }
    const file = this.file;
    const t = Date.now();
    this.ensureFolder();
    this.saving = cache
      .saveSliced(file)
      .then(
        (result) => {
          if (result.kind === 'written') this.log.info(`cache: saved to ${file} in ${Date.now() - t} ms (in slices)`);
          else if (result.kind === 'refused') this.warn(result.detail);
        },
        (err: unknown) => this.warn(err),
      )
      .finally(() => {
        this.saving = undefined;
        const next = this.again;
        this.again = undefined;
        if (next) this.saveInBackground(next);
      });
  }

  /** Settles when no background save is writing or waiting to. */
  async idle(): Promise<void> {
    while (this.saving) await this.saving;
  }

  /** The workspace's storage folder is the editor's to create: the write path refuses a missing folder. */
  private ensureFolder(): void {
    if (!this.file) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
    } catch {
      // The save then says why it could not write.
    }
  }

  private warn(err: unknown): void {
    this.log.warn(`cache: could not save ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
  }

  delete(): void {
    const file = this.file;
    if (!file) return;
    this.again = undefined;
    fs.rmSync(file, { force: true });
    // A background save that was renaming its file just now: it must not bring the old results back.
    if (this.saving) void this.saving.then(() => fs.rmSync(file, { force: true }));
  }
}
