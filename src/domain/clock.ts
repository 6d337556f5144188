/** A source of the current time in epoch milliseconds (UTC). Domain code never calls Date.now(). */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to: for tests and the simulator. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }
}

export const systemClock: Clock = { now: () => Date.now() };
