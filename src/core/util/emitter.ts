import type { Disposable } from './disposable';

/** A minimal typed event emitter: listeners are removed by disposing what `on` returns. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(event: T) => void>();

  on(listener: (event: T) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
