/** Anything holding a resource that must be released; mirrors vscode.Disposable without importing it. */
export interface Disposable {
  dispose(): void;
}

/** Owns disposables registered with it and releases them, newest first, exactly once. */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}

/** A base for classes that own resources: whatever they `register` is disposed with them. */
export abstract class DisposableOwner implements Disposable {
  private readonly owned = new DisposableStore();

  protected register<T extends Disposable>(item: T): T {
    return this.owned.add(item);
  }

  dispose(): void {
    this.owned.dispose();
  }
}
