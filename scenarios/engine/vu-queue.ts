import type { VirtualUser } from './iteration.ts';

/**
 * Free VUs, first in first out: arrivals rotate through every pre-allocated VU (so each one logs in early, as a
 * population of players would) instead of reusing the same few. O(1) both ways.
 */
export class VuQueue {
  #items: Array<VirtualUser | undefined> = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(vu: VirtualUser): void {
    this.#items.push(vu);
  }

  shift(): VirtualUser | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const vu = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return vu;
  }
}
