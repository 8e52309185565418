import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { resolveK3sConfig } from './config.ts';
import { dockerAvailability, preflightK3s, type Availability } from './docker.ts';
import { k3sProvider } from './provider.ts';

const ok = async (): Promise<Availability> => ({ ok: true });
const missing = (reason: string) => async (): Promise<Availability> => ({ ok: false, reason });

describe('k3s preflight', () => {
  it.each([
    ['no Docker', { docker: missing('Could not find a working container runtime strategy'), kubectl: ok }, ['Docker is not running here; use --env local']],
    ['no kubectl', { docker: ok, kubectl: missing('spawn kubectl ENOENT') }, ['kubectl is not installed here']],
    ['neither', { docker: missing('x'), kubectl: missing('y') }, ['Docker is not running here', 'kubectl is not installed here']],
  ])('%s → ConfigError naming what is missing and --env local', async (_name, checks, messages) => {
    const error = await preflightK3s(checks).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.issues).toHaveLength(messages.length);
    for (const message of messages) expect(configError.message).toContain(message);
    expect(configError.hint).toContain('--env local');
  });

  it('passes when Docker and kubectl are there', async () => {
    await expect(preflightK3s({ docker: ok, kubectl: ok })).resolves.toBeUndefined();
  });

  it('detects this machine\'s Docker for real and answers accordingly', async () => {
    const docker = await dockerAvailability();
    const result = await k3sProvider().preflight!({ candidate: '1.5.0' }).then(() => undefined, (e: unknown) => e);
    if (docker.ok) {
      console.log('k3s preflight: Docker is running here, so preflight must pass');
      expect(result).toBeUndefined();
    } else {
      expect(result).toBeInstanceOf(ConfigError);
      expect((result as ConfigError).message).toContain('Docker is not running here; use --env local');
      expect((result as ConfigError).message).toContain(docker.reason);
    }
  });
});

it('names a candidate without a release manifest before looking for Docker', async () => {
  const error = await k3sProvider().preflight!({ candidate: '9.9.9' }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).message).toMatch(/fixtures\/releases\/9\.9\.9\.json: \(file\): no release manifest for 9\.9\.9/);
});

describe('k3s config', () => {
  it('reports bad fields with paths', () => {
    expect(() => resolveK3sConfig({ chaosMeshVersion: 'latest', images: 'reference' })).toThrow(/environment\.k3s\.chaosMeshVersion/);
    expect(() => resolveK3sConfig({ images: 'reference' })).toThrow('environment.k3s.imagePrefix: images: reference needs the registry prefix');
  });

  it('defaults to building the images and installing Chaos Mesh 2.8.3', () => {
    expect(resolveK3sConfig(undefined)).toMatchObject({ images: 'build', chaosMesh: true, chaosMeshVersion: '2.8.3' });
  });
});
