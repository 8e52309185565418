import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ConfigError, errorMessage } from '../../core/errors.ts';
import type { ResolvedKubeConfig } from './config.ts';

export const USE_LOCAL_HINT = 'no cluster needed: use --env local to run the embedded staging replica on this machine';

interface Sources {
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * Loads the kubeconfig the user meant, never falling back to client-node's implicit http://localhost:8080:
 * explicit file → $KUBECONFIG → ~/.kube/config → in-cluster service account. Missing pieces are ConfigErrors.
 */
export function loadKubeConfig(config: Pick<ResolvedKubeConfig, 'kubeconfig' | 'context'>, sources: Sources = {}): KubeConfig {
  const env = sources.env ?? process.env;
  const kc = new KubeConfig();
  const fail = (path: string, message: string, expected?: string) => new ConfigError('kube-unavailable', [{ path, message, expected }], USE_LOCAL_HINT);
  if (config.kubeconfig) {
    if (!existsSync(config.kubeconfig)) throw fail('environment.kube.kubeconfig', `kubeconfig file ${config.kubeconfig} does not exist`, 'a readable kubeconfig file');
    loadFile(kc, config.kubeconfig);
  } else {
    const candidates = env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(sources.home ?? homedir(), '.kube', 'config')];
    const found = candidates.filter((file) => existsSync(file));
    if (found.length > 0) {
      for (const file of found) loadFile(kc, file);
    } else if (env.KUBERNETES_SERVICE_HOST) {
      kc.loadFromCluster();
    } else {
      const where = env.KUBECONFIG ? `$KUBECONFIG (${env.KUBECONFIG})` : candidates.join(', ');
      throw fail('environment.kube.kubeconfig', `no kubeconfig found (looked at ${where}) and not running inside a cluster`, 'a kubeconfig file (--kubeconfig or $KUBECONFIG)');
    }
  }
  const context = config.context ?? kc.getCurrentContext();
  if (!context) throw fail('environment.kube.context', 'the kubeconfig names no current context', 'a context name');
  if (!kc.getContextObject(context)) {
    const known = kc.getContexts().map((c) => c.name);
    throw fail('environment.kube.context', `context "${context}" is not in the kubeconfig`, known.length > 0 ? `one of ${known.join(', ')}` : 'a kubeconfig with contexts');
  }
  kc.setCurrentContext(context);
  if (!kc.getCurrentCluster()) throw fail('environment.kube.context', `context "${context}" names no cluster`, 'a context whose cluster is defined');
  return kc;
}

function loadFile(kc: KubeConfig, file: string): void {
  try {
    const next = new KubeConfig();
    next.loadFromFile(file);
    mergeInto(kc, next);
  } catch (error) {
    throw new ConfigError('kube-config', [{ file, path: '(file)', message: `not a usable kubeconfig: ${errorMessage(error)}` }], USE_LOCAL_HINT);
  }
}

/** $KUBECONFIG lists merge like kubectl: the first file to define a name or the current context wins. */
function mergeInto(target: KubeConfig, source: KubeConfig): void {
  if (target.contexts.length === 0 && target.clusters.length === 0) {
    target.loadFromOptions({ clusters: source.clusters, users: source.users, contexts: source.contexts, currentContext: source.currentContext });
    return;
  }
  const add = <T extends { name: string }>(into: T[], from: T[]) => from.filter((item) => !into.some((have) => have.name === item.name));
  target.loadFromOptions({
    clusters: [...target.clusters, ...add(target.clusters, source.clusters)],
    users: [...target.users, ...add(target.users, source.users)],
    contexts: [...target.contexts, ...add(target.contexts, source.contexts)],
    currentContext: target.currentContext || source.currentContext,
  });
}
