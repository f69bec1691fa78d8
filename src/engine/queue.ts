// A binary max-heap keyed by (priority, then discovery order). Hand-written:
// the libraries on npm either lack a decrease-key (our `bump`) or stable ties.
// Items are indexed by path so `bump` finds one in O(1) and sifts in O(log n).

export interface QueueItem {
  readonly path: string;
  readonly seq: number;
}

interface Slot<T> {
  item: T;
  priority: number;
  index: number;
}

export class PriorityQueue<T extends QueueItem> {
  private readonly heap: Slot<T>[] = [];
  private readonly byPath = new Map<string, Slot<T>>();

  get size(): number {
    return this.heap.length;
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Adds an item; a path already queued keeps the higher of the two priorities. */
  push(item: T, priority = 0): void {
    const existing = this.byPath.get(item.path);
    if (existing) {
      if (priority > existing.priority) this.bump(item.path, priority);
      return;
    }
    const slot: Slot<T> = { item, priority, index: this.heap.length };
    this.heap.push(slot);
    this.byPath.set(item.path, slot);
    this.up(slot.index);
  }

  pushMany(items: Iterable<T>, priority: (item: T) => number = () => 0): void {
    for (const item of items) this.push(item, priority(item));
  }

  pop(): T | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop()!;
    if (last !== top) {
      last.index = 0;
      this.heap[0] = last;
      this.down(0);
    }
    this.byPath.delete(top.item.path);
    return top.item;
  }

  /** Up to n items, highest priority first. */
  popMany(n: number): T[] {
    const out: T[] = [];
    while (out.length < n) {
      const item = this.pop();
      if (item === undefined) break;
      out.push(item);
    }
    return out;
  }

  peek(): T | undefined {
    return this.heap[0]?.item;
  }

  /** Raises a queued item's priority (never lowers it). Returns false if the path is not queued. */
  bump(path: string, priority: number): boolean {
    const slot = this.byPath.get(path);
    if (!slot) return false;
    if (priority > slot.priority) {
      slot.priority = priority;
      this.up(slot.index);
    }
    return true;
  }

  priorityOf(path: string): number | undefined {
    return this.byPath.get(path)?.priority;
  }

  /** Removes and returns everything, in priority order. */
  drain(): T[] {
    return this.popMany(this.heap.length);
  }

  private before(a: Slot<T>, b: Slot<T>): boolean {
    return a.priority !== b.priority ? a.priority > b.priority : a.item.seq < b.item.seq;
  }

  private up(i: number): void {
    const heap = this.heap;
    const slot = heap[i]!;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!this.before(slot, parent)) break;
      heap[i] = parent;
      parent.index = i;
      i = parentIndex;
    }
    heap[i] = slot;
    slot.index = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const slot = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
      if (!this.before(heap[child]!, slot)) break;
      heap[i] = heap[child]!;
      heap[i]!.index = i;
      i = child;
    }
    heap[i] = slot;
    slot.index = i;
  }
}
