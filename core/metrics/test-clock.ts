/** A monotonic clock the test moves by hand. */
export function manualClock(startMs = 1_000): { monotonic(): number; advance(ms: number): void } {
  let now = startMs;
  return {
    monotonic: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}
