import type { ChangeEvent, ChangeTopic, Disposable } from './contract.js';

/** Fans change events out to listeners; every emit carries a new, increasing version. */
export class ChangeEmitter {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private currentVersion = 0;

  get version(): number {
    return this.currentVersion;
  }

  emit(topics: readonly ChangeTopic[]): void {
    if (topics.length === 0) return;
    this.forward({ topics: [...new Set(topics)], version: this.currentVersion + 1 });
  }

  /** Re-emits an event from another emitter (e.g. across a worker boundary), keeping its version. */
  forward(event: ChangeEvent): void {
    this.currentVersion = Math.max(this.currentVersion, event.version);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing listener (e.g. a closed SSE socket) must not stop the others.
      }
    }
  }

  on(listener: (event: ChangeEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
