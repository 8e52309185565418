import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveLoadBackend } from './detect.ts';

const FAKE_K6 = fileURLToPath(new URL('../testdata/fake-k6', import.meta.url));

describe('resolveLoadBackend', () => {
  it('auto picks k6 when a k6 binary answers', async () => {
    expect(await resolveLoadBackend('auto', { k6Path: FAKE_K6 })).toEqual({ backend: 'k6', k6Path: FAKE_K6 });
    expect(await resolveLoadBackend('auto', { env: { ...process.env, K6_BIN: FAKE_K6 } })).toEqual({ backend: 'k6', k6Path: FAKE_K6 });
  });

  it('auto falls back to the embedded engine without k6', async () => {
    expect(await resolveLoadBackend('auto', { k6Path: '/nonexistent/k6' })).toEqual({ backend: 'embedded' });
    expect(await resolveLoadBackend('auto', { env: { PATH: '/nonexistent' } })).toEqual({ backend: 'embedded' });
  });

  it('an explicit choice is kept', async () => {
    expect((await resolveLoadBackend('embedded', { k6Path: FAKE_K6 })).backend).toBe('embedded');
    expect((await resolveLoadBackend('k6', { k6Path: '/nonexistent/k6' })).backend).toBe('k6');
  });
});
