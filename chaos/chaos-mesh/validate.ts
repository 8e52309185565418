import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { CHAOS_MESH_PLURALS, type ChaosMeshKind, type ChaosMeshManifest } from './render.ts';
import { sharedPath } from '../../core/shared-dir.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Where the Chaos Mesh CRDs live (chaos-mesh.org_<plural>.yaml, as in the chaos-mesh Helm chart). */
export const DEFAULT_CRD_DIR = sharedPath('schemas', 'chaos-mesh');

interface Crd {
  spec: { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[] };
}

/** Validates manifests against the CRDs' openAPIV3Schema (what the API server checks; admission webhooks check more). */
export class ChaosMeshValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(crdDir: string = DEFAULT_CRD_DIR) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const plural of Object.values(CHAOS_MESH_PLURALS)) {
      const crd = parse(readFileSync(join(crdDir, `chaos-mesh.org_${plural}.yaml`), 'utf8')) as Crd;
      const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
      if (!version) throw new Error(`${plural}: the CRD has no v1alpha1 schema`);
      this.validators.set(crd.spec.names.kind, ajv.compile(version.schema.openAPIV3Schema));
    }
  }

  /** Problems with the manifest, each as `<path>: <message>`; empty when it is valid. */
  validate(manifest: ChaosMeshManifest | Record<string, unknown>): string[] {
    const kind = String((manifest as { kind?: unknown }).kind) as ChaosMeshKind;
    const validate = this.validators.get(kind);
    if (!validate) return [`kind: no CRD schema for "${kind}"`];
    if (validate(manifest)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? 'invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
  }
}
