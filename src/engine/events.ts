// A typed face over Node's EventEmitter: listeners get the payload type their
// event declares, and a misspelt event name is a compile error.
import { EventEmitter } from 'node:events';

export class TypedEmitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // A run may have many listeners (tree, status bar, diagnostics, log, tests).
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  once<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): () => void {
    this.emitter.once(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Whether anyone listens: an event nobody hears need not be built. */
  protected listens<K extends keyof Events & string>(event: K): boolean {
    return this.emitter.listenerCount(event) > 0;
  }

  protected emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    this.emitter.emit(event, payload);
  }
}
