import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { parse } from 'yaml';
import { sharedPath } from '../../../core/shared-dir.ts';

/** Validates objects against k6-operator's TestRun CRD (v1alpha1 openAPIV3Schema); returns the problems, empty when valid. */
export function testRunValidator(): (object: unknown) => string[] {
  const crd = parse(readFileSync(sharedPath('schemas', 'k6-operator', 'k6.io_testruns.yaml'), 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } };
  const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
  if (!version) throw new Error('the TestRun CRD has no v1alpha1 schema');
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under Node's ESM loader its default export is the module object.
  const addFormats = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);
  addFormats(ajv);
  ajv.addFormat('int32', true).addFormat('int64', true);
  const validate = ajv.compile(version.schema.openAPIV3Schema);
  return (object) => (validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? 'invalid'}`));
}
