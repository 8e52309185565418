import { getContainerRuntimeClient } from 'testcontainers';
import { execa } from 'execa';
import { ConfigError, errorMessage } from '../../core/errors.ts';

export type Availability = { ok: true } | { ok: false; reason: string };

/** Whether testcontainers finds a working container runtime (Docker, Podman, Colima…). */
export async function dockerAvailability(): Promise<Availability> {
  try {
    await getContainerRuntimeClient();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}

export async function kubectlAvailability(kubectl = 'kubectl'): Promise<Availability> {
  try {
    await execa(kubectl, ['version', '--client']);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: errorMessage(error).split('\n')[0] ?? 'failed' };
  }
}

/** Plan-time check for the k3s provider: Docker for the cluster, kubectl for `kubectl kustomize`. */
export async function preflightK3s(checks: { docker?: () => Promise<Availability>; kubectl?: () => Promise<Availability> } = {}): Promise<void> {
  const [docker, kubectl] = await Promise.all([(checks.docker ?? dockerAvailability)(), (checks.kubectl ?? kubectlAvailability)()]);
  const issues = [];
  if (!docker.ok) issues.push({ path: 'environment', message: 'Docker is not running here; use --env local', expected: `a container runtime testcontainers can reach (${docker.reason})` });
  if (!kubectl.ok) issues.push({ path: 'environment', message: 'kubectl is not installed here (the platform manifests render with `kubectl kustomize`)', expected: `kubectl on PATH (${kubectl.reason})` });
  if (issues.length > 0) throw new ConfigError('k3s-unavailable', issues, 'use --env local to run the embedded staging replica without Docker');
}
