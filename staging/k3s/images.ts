import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { StartedTestContainer } from 'testcontainers';
import { DEPLOY_DIR } from '../../fixtures/platform/deploy/render.ts';
import { PLATFORM_SERVICES } from './manifests.ts';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Builds each platform image from its Dockerfile (context: the repository root) and imports it into k3s's
 * containerd, so the cluster never pulls them. Returns the image names.
 */
export async function buildAndImportImages(container: StartedTestContainer, options: { tag: string; progress(message: string): void; signal?: AbortSignal }): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'greenlight-k3s-images-'));
  try {
    const images: string[] = [];
    for (const service of PLATFORM_SERVICES) {
      const image = `greenlight/platform-${service}:${options.tag}`;
      options.progress(`k3s: building ${image}`);
      await execa('docker', ['build', '-f', join(DEPLOY_DIR, 'docker', `${service}.Dockerfile`), '-t', image, REPO_ROOT], { cancelSignal: options.signal });
      const tar = join(work, `${service}.tar`);
      await execa('docker', ['save', '-o', tar, image], { cancelSignal: options.signal });
      const target = `/tmp/${service}.tar`;
      await container.copyFilesToContainer([{ source: tar, target }]);
      const result = await container.exec(['ctr', '-n', 'k8s.io', 'images', 'import', target]);
      if (result.exitCode !== 0) throw new Error(`importing ${image} into k3s failed (exit ${result.exitCode}): ${result.output.trim()}`);
      images.push(image);
    }
    return images;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
