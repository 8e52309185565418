import { describe, expect, it } from 'vitest';
import { overlayDir, renderKustomization, type KubeObject } from '../../fixtures/platform/deploy/render.ts';
import { validateObjects } from '../../fixtures/platform/deploy/validate.ts';
import { chaosMeshHelmChart, freshSecretData, withRelease, withSecrets } from './manifests.ts';

const secretOf = (objects: KubeObject[]) => {
  const secret = objects.find((o) => o.kind === 'Secret') as unknown as { data: Record<string, string> };
  return Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
};
const containersOf = (objects: KubeObject[], name: string) => {
  const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name) as unknown as {
    spec: { template: { spec: { containers: { image: string; env: { name: string; value?: string }[] }[]; initContainers?: { image: string }[] } } };
  };
  return d.spec.template.spec;
};

describe('staging overlay prepared for a k3s run', async () => {
  const rendered = await renderKustomization(overlayDir('staging'));

  it('replaces every placeholder secret with fresh, consistent random values', () => {
    const prepared = withSecrets(rendered, freshSecretData());
    const values = secretOf(prepared);
    expect(Object.keys(values).sort()).toEqual(['ADMIN_TOKEN', 'DATABASE_URL', 'POSTGRES_PASSWORD', 'PSP_API_KEY', 'WEBHOOK_SECRET']);
    expect(JSON.stringify(values)).not.toContain('placeholder');
    expect(values.DATABASE_URL).toBe(`postgres://casino:${values.POSTGRES_PASSWORD}@postgres:5432/casino`);
    expect(values.POSTGRES_PASSWORD).toMatch(/^[0-9a-f]{36}$/);
    expect(secretOf(withSecrets(rendered, freshSecretData())).WEBHOOK_SECRET).not.toBe(values.WEBHOOK_SECRET);
    expect(validateObjects(prepared)).toEqual([]);
  });

  it('refuses manifests without the platform-secrets Secret', () => {
    expect(() => withSecrets(rendered.filter((o) => o.kind !== 'Secret'), freshSecretData())).toThrow('expected one platform-secrets Secret in the staging overlay, found 0');
  });

  it.each([
    ['built images', { candidate: '1.4.0' }, 'greenlight/platform-api:staging'],
    ['referenced images', { candidate: '1.5.0', imagePrefix: 'registry.local/casino/', tag: '1.5.0' }, 'registry.local/casino/platform-api:1.5.0'],
  ])('points the api at the candidate manifest with %s', (_name, options, image) => {
    const spec = containersOf(withRelease(rendered, options), 'api');
    expect(spec.containers[0]!.image).toBe(image);
    expect(spec.initContainers?.[0]?.image).toBe(image);
    expect(spec.containers[0]!.env.find((e) => e.name === 'RELEASE_MANIFEST')?.value).toBe(`/app/fixtures/releases/${options.candidate}.json`);
    expect(containersOf(rendered, 'api').containers[0]!.env.find((e) => e.name === 'RELEASE_MANIFEST')?.value).toBe('/app/fixtures/releases/1.5.0.json');
  });
});

describe('Chaos Mesh on k3s', () => {
  it('installs through the Helm controller with chaos-daemon on the k3s containerd socket', () => {
    const chart = chaosMeshHelmChart('2.8.3') as unknown as { spec: { version: string; set: Record<string, string>; targetNamespace: string } };
    expect(chart.spec).toMatchObject({ version: '2.8.3', targetNamespace: 'chaos-mesh' });
    expect(chart.spec.set).toMatchObject({ 'chaosDaemon.runtime': 'containerd', 'chaosDaemon.socketPath': '/run/k3s/containerd/containerd.sock' });
  });
});
