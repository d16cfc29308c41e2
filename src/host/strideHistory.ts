/**
 * At most `capacity` items spread evenly over everything added, and always the newest: every
 * item while they fit, then every second, every fourth… (the stride doubles whenever they would
 * not fit). For lines a run writes a few of per evaluation that a hostile file may hold millions of.
 */
export class StrideHistory<T> {
  private kept: T[] = [];
  private stride = 1;
  private added = 0;
  private newest: T | undefined;

  constructor(private readonly capacity: number) {}

  /** Items added since the history began (or was cleared). */
  get total(): number {
    return this.added;
  }

  /** Some items were left out. */
  get thinned(): boolean {
    return this.stride > 1;
  }

  add(item: T): void {
    if (this.added++ % this.stride === 0) this.kept.push(item);
    this.newest = item;
    if (this.kept.length >= this.capacity) {
      this.kept = this.kept.filter((_, index) => index % 2 === 0);
      this.stride *= 2;
    }
  }

  clear(): void {
    this.kept = [];
    this.stride = 1;
    this.added = 0;
    this.newest = undefined;
  }

  items(): T[] {
    return this.newest === undefined || this.kept.at(-1) === this.newest ? [...this.kept] : [...this.kept, this.newest];
  }
}
