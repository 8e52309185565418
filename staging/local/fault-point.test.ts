import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultPoint } from './fault-point.ts';

let echo: Server;
let point: FaultPoint;
const sockets: Socket[] = [];

beforeEach(async () => {
  echo = createServer((socket) => {
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      const text = chunk.toString();
      // "bulk:<n>" asks for n bytes back, to measure bandwidth.
      const bulk = /^bulk:(\d+)$/.exec(text);
      if (bulk) socket.write(Buffer.alloc(Number(bulk[1]), 120));
      else if (text !== 'hold') socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  point = new FaultPoint({ link: 'api->test', upstream: { host: '127.0.0.1', port: (echo.address() as AddressInfo).port } });
  await point.listen();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await point.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function open(): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port: point.port });
  sockets.push(socket);
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Sends a message and resolves with the round-trip time once `bytes` came back, or undefined after `timeoutMs`. */
function roundTrip(socket: Socket, message: string, bytes = message.length, timeoutMs = 2000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = performance.now();
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received >= bytes) finish(performance.now() - started);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const finish = (value: number | undefined) => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(value);
    };
    socket.on('data', onData);
    socket.write(message);
  });
}

function closed(socket: Socket, timeoutMs = 1000): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('FaultPoint', () => {
  it('passes traffic untouched without faults', async () => {
    const socket = await open();
    const rtt = await roundTrip(socket, 'hello');
    expect(rtt).toBeDefined();
    expect(rtt!).toBeLessThan(50);
  });

  it('delay adds the configured latency per round trip, within tolerance', async () => {
    const socket = await open();
    const before = (await roundTrip(socket, 'warm'))!;
    point.inject({ kind: 'delay', params: { ms: 150, jitterMs: 0 } }, 5_000);
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) samples.push((await roundTrip(socket, `ping${i}`))!);
    for (const rtt of samples) expect(rtt - before).toBeGreaterThanOrEqual(145);
    // Timers fire late on a loaded machine, so the upper bound is on the median, not on every sample.
    const median = samples.sort((a, b) => a - b)[2]!;
    expect(median - before).toBeLessThan(150 + 60);
  });

  it('jitter spreads the delay within ±jitter', async () => {
    const socket = await open();
    point.inject({ kind: 'delay', params: { ms: 100, jitterMs: 50 } }, 5_000);
    const samples: number[] = [];
    for (let i = 0; i < 8; i++) samples.push((await roundTrip(socket, `j${i}`))!);
    for (const rtt of samples) expect(rtt).toBeGreaterThanOrEqual(45);
    expect(samples.sort((a, b) => a - b)[4]!).toBeLessThan(150 + 60);
    expect(new Set(samples.map((rtt) => Math.round(rtt / 5))).size).toBeGreaterThan(1);
  });

  it('reset destroys open connections and refuses new ones until cleared', async () => {
    const socket = await open();
    expect(await roundTrip(socket, 'before')).toBeDefined();
    const fault = point.inject({ kind: 'reset', params: {} }, 5_000);
    expect(await closed(socket)).toBe(true);
    const fresh = connect({ host: '127.0.0.1', port: point.port });
    sockets.push(fresh);
    fresh.on('error', () => {});
    expect(await closed(fresh)).toBe(true);
    point.clear(fault.id);
    const after = await open();
    expect(await roundTrip(after, 'after')).toBeDefined();
  });

  it('partition stops both directions and heals when cleared', async () => {
    const socket = await open();
    const fault = point.inject({ kind: 'partition', params: {} }, 5_000);
    expect(await roundTrip(socket, 'lost?', 5, 300)).toBeUndefined();
    const fresh = await open();
    expect(await roundTrip(fresh, 'new', 3, 300)).toBeUndefined();
    point.clear(fault.id);
    expect(await roundTrip(fresh, 'healed', 'new'.length + 'healed'.length)).toBeDefined();
  });

  it('drop black-holes data on existing connections', async () => {
    const socket = await open();
    point.inject({ kind: 'drop', params: {} }, 5_000);
    expect(await roundTrip(socket, 'gone', 4, 300)).toBeUndefined();
  });

  it('the TTL ends a fault by itself', async () => {
    const socket = await open();
    point.inject({ kind: 'partition', params: {} }, 300);
    expect(point.active()).toHaveLength(1);
    expect(await roundTrip(socket, 'held', 4, 150)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(point.active()).toHaveLength(0);
    const rtt = await roundTrip(socket, 'free');
    expect(rtt).toBeDefined();
  });

  it('counts connections still waiting for an answer (the drain signal)', async () => {
    const socket = await open();
    expect(point.awaitingAnswer).toBe(0);
    socket.write('hold');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(point.awaitingAnswer).toBe(1);
    expect(await roundTrip(socket, 'answered')).toBeDefined();
    expect(point.awaitingAnswer).toBe(0);
  });

  it('counts bytes held back by a delay as not yet answered', async () => {
    const socket = await open();
    point.inject({ kind: 'delay', params: { ms: 300, jitterMs: 0 } }, 5_000);
    const answered = roundTrip(socket, 'slow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(point.awaitingAnswer).toBe(1);
    expect(await answered).toBeDefined();
    expect(point.awaitingAnswer).toBe(0);
  });

  it('bandwidth limit paces the transfer to the configured bytes per second', async () => {
    const socket = await open();
    const rate = 40_000;
    const bytes = 60_000;
    point.inject({ kind: 'bandwidth', params: { bytesPerSecond: rate } }, 10_000);
    const elapsed = await roundTrip(socket, `bulk:${bytes}`, bytes, 5_000);
    expect(elapsed).toBeDefined();
    const measured = (bytes / elapsed!) * 1000;
    expect(measured).toBeGreaterThan(rate * 0.8);
    expect(measured).toBeLessThan(rate * 1.25);
  });
});
