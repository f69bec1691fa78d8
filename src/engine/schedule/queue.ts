// The run queue: highest priority first, ties in discovery order, with `bump`
// to raise a queued item. Hand-written: the libraries on npm either lack a
// decrease-key (our `bump`) or stable ties.
//
// Almost every item of a big run has the base priority 0 and arrives in
// discovery order, so those wait in a FIFO (O(1) in and out); only items with
// another priority (open editors, bumped ones) go into a binary heap. A bumped
// FIFO item leaves a dead slot behind, skipped when it reaches the front.

export interface QueueItem {
  readonly path: string;
  readonly seq: number;
}

interface Slot<T> {
  readonly item: T;
  priority: number;
  /** Position in the heap; -1 while in the FIFO; -2 once taken out. */
  index: number;
}

const IN_FIFO = -1;
const GONE = -2;

export class PriorityQueue<T extends QueueItem> {
  private readonly heap: Slot<T>[] = [];
  private fifo: Slot<T>[] = [];
  private head = 0;
  private fifoLive = 0;
  private readonly byPath = new Map<string, Slot<T>>();

  get size(): number {
    return this.heap.length + this.fifoLive;
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
    const tail = this.fifo.length > this.head ? this.fifo[this.fifo.length - 1]! : undefined;
    if (priority === 0 && (tail === undefined || tail.item.seq < item.seq)) {
      const slot: Slot<T> = { item, priority, index: IN_FIFO };
      this.fifo.push(slot);
      this.fifoLive++;
      this.byPath.set(item.path, slot);
      return;
    }
    this.heapInsert({ item, priority, index: this.heap.length });
  }

  pushMany(items: Iterable<T>, priority: (item: T) => number = () => 0): void {
    for (const item of items) this.push(item, priority(item));
  }

  pop(): T | undefined {
    const front = this.fifoFront();
    const top = this.heap[0];
    if (front && (!top || this.before(front, top))) {
      this.head++;
      this.fifoLive--;
      front.index = GONE;
      this.byPath.delete(front.item.path);
      if (this.head > 1024 && this.head * 2 > this.fifo.length) {
        this.fifo = this.fifo.slice(this.head);
        this.head = 0;
      }
      return front.item;
    }
    if (!top) return undefined;
    const last = this.heap.pop()!;
    if (last !== top) {
      last.index = 0;
      this.heap[0] = last;
      this.down(0);
    }
    top.index = GONE;
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
    const front = this.fifoFront();
    const top = this.heap[0];
    if (front && (!top || this.before(front, top))) return front.item;
    return top?.item;
  }

  /** Raises a queued item's priority (never lowers it). Returns false if the path is not queued. */
  bump(path: string, priority: number): boolean {
    const slot = this.byPath.get(path);
    if (!slot) return false;
    if (priority > slot.priority) {
      if (slot.index === IN_FIFO) {
        // Leave a dead slot in the FIFO; the item moves to the heap.
        slot.index = GONE;
        this.fifoLive--;
        this.heapInsert({ item: slot.item, priority, index: this.heap.length });
      } else {
        slot.priority = priority;
        this.up(slot.index);
      }
    }
    return true;
  }

  priorityOf(path: string): number | undefined {
    return this.byPath.get(path)?.priority;
  }

  /** Removes and returns everything, in priority order. */
  drain(): T[] {
    return this.popMany(this.size);
  }

  /** The first live FIFO slot, dropping dead ones on the way. */
  private fifoFront(): Slot<T> | undefined {
    while (this.head < this.fifo.length) {
      const slot = this.fifo[this.head]!;
      if (slot.index === IN_FIFO) return slot;
      this.head++;
    }
    if (this.head > 0) {
      this.fifo = [];
      this.head = 0;
    }
    return undefined;
  }

  private heapInsert(slot: Slot<T>): void {
    this.heap.push(slot);
    this.byPath.set(slot.item.path, slot);
    this.up(slot.index);
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
