import { describe, expect, it } from 'vitest';
import type { Clock } from '../../core/clock.ts';
import { waitFor, withDeadline, WaitTimeoutError } from './wait.ts';

function fakeClock(): Clock {
  let now = 0;
  return { now: () => now, monotonic: () => now, sleep: async (ms) => void (now += ms) };
}

describe('waitFor', () => {
  it('returns the first truthy value of the probe', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? 'up' : false), { timeoutMs: 1_000, intervalMs: 10, what: 'edge', clock: fakeClock() });
    expect({ value, calls }).toEqual({ value: 'up', calls: 3 });
  });

  it('times out with "<thing> not <state> after <N> ms" and the last error', async () => {
    const attempt = waitFor(
      () => {
        throw new Error('ECONNREFUSED');
      },
      { timeoutMs: 500, intervalMs: 100, what: 'api-blue-1', state: 'ready', clock: fakeClock() },
    );
    await expect(attempt).rejects.toThrow(new WaitTimeoutError('api-blue-1', 'ready', 500, 'ECONNREFUSED'));
    await expect(attempt).rejects.toThrow('api-blue-1 not ready after 500 ms (last error: ECONNREFUSED)');
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    await expect(waitFor(() => false, { timeoutMs: 1_000, what: 'x', clock: fakeClock(), signal: controller.signal })).rejects.toThrow('interrupted');
  });

  it('withDeadline rejects a promise that does not settle in time', async () => {
    await expect(withDeadline(new Promise(() => {}), { timeoutMs: 20, what: 'supervisor', state: 'stopped' })).rejects.toThrow('supervisor not stopped after 20 ms');
  });
});
