/** A binary min-heap ordered by `time` (ties: insertion order), for the simulator's event queue. */
export class TimeHeap<T extends { time: number }> {
  private readonly items: T[] = [];
  private readonly order: number[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  private less(i: number, j: number): boolean {
    const a = this.items[i] as T;
    const b = this.items[j] as T;
    return a.time < b.time || (a.time === b.time && (this.order[i] as number) < (this.order[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j] as T, this.items[i] as T];
    [this.order[i], this.order[j]] = [this.order[j] as number, this.order[i] as number];
  }

  push(item: T): void {
    this.items.push(item);
    this.order.push(this.counter++);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    this.swap(0, n - 1);
    const top = this.items.pop() as T;
    this.order.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.items.length && this.less(left, smallest)) smallest = left;
      if (right < this.items.length && this.less(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }
}
