import { check, type Check } from '../core/check.ts';
import type { ProbeResult } from './probes/run-probe.ts';
import type { ExperimentResult } from './run/result.ts';

function probeCheck(id: string, title: string, probe: ProbeResult, failMessage: (detail: string) => string): Check {
  if (probe.outcome === 'error') {
    return check({ id, title, status: 'error', observed: null, message: `probe ${probe.name} could not measure: ${probe.error}`, reason: 'provider_error' });
  }
  return check({
    id,
    title,
    status: probe.toleranceMet ? 'pass' : 'fail',
    observed: probe.value,
    unit: probe.unit,
    threshold: probe.tolerance,
    samples: probe.samples,
    message: probe.toleranceMet ? probe.detail : failMessage(probe.detail),
    reason: probe.toleranceMet ? undefined : 'threshold_breached',
  });
}

function rollbackCheck(prefix: string, result: Extract<ExperimentResult, { rollbacks: unknown }>): Check {
  const failed = result.rollbacks.filter((r) => !r.ok);
  return check({
    id: `${prefix}.rollbacks`,
    title: `${result.title}: faults removed`,
    status: failed.length === 0 ? 'pass' : 'error',
    observed: failed.length,
    threshold: 'failed rollbacks == 0',
    message: failed.length === 0 ? `${result.rollbacks.length} fault(s) removed` : `could not remove: ${failed.map((r) => `${r.description} (${r.error})`).join('; ')}`,
    reason: failed.length === 0 ? undefined : 'harness_error',
  });
}

function moneyCheck(prefix: string, title: string, money: ProbeResult | undefined): Check {
  if (!money) return check({ id: `${prefix}.money`, title: `${title}: money invariants`, status: 'inconclusive', observed: null, message: 'the money invariants were not checked', reason: 'no_data' });
  return probeCheck(`${prefix}.money`, `${title}: money invariants after the experiment`, money, (d) => `the ledger does not reconcile after the experiment: ${d}`);
}

/**
 * Pure: the checks one experiment's result gives. Deviation after the method fails; a steady state broken before
 * it is inconclusive (nothing was injected); an experiment that could not run is an error; none of those pass.
 */
export function evaluateExperiment(result: ExperimentResult, options: { maxLoadErrorRate?: number } = {}): Check[] {
  const prefix = `chaos.${result.experiment}`;
  const title = result.title;
  switch (result.status) {
    case 'not-injected': {
      const broken = result.before.probes.map((p) => (p.outcome === 'error' ? `${p.name}: ${p.error}` : p.toleranceMet ? '' : `${p.name}: ${p.detail} (want ${p.tolerance})`)).filter(Boolean);
      return [check({ id: `${prefix}.steady-state-before`, title: `${title}: steady state before`, status: 'inconclusive', observed: false, message: `steady state already broken before injection, nothing injected: ${broken.join('; ')}`, reason: 'no_data' })];
    }
    case 'aborted':
      return [
        check({ id: `${prefix}.run`, title: `${title}: experiment ran`, status: 'error', observed: null, message: `the experiment could not run (${result.phase}): ${result.error}`, reason: 'harness_error' }),
        rollbackCheck(prefix, result),
        ...(result.faults.length > 0 ? [moneyCheck(prefix, title, result.money)] : []),
      ];
    case 'interrupted':
      return [
        check({ id: `${prefix}.run`, title: `${title}: experiment ran`, status: 'inconclusive', observed: null, message: 'the experiment was interrupted', reason: 'interrupted' }),
        rollbackCheck(prefix, result),
        ...(result.faults.length > 0 ? [moneyCheck(prefix, title, result.money)] : []),
      ];
    case 'completed': {
      const checks: Check[] = [check({ id: `${prefix}.steady-state-before`, title: `${title}: steady state before`, status: 'pass', observed: true, message: 'steady state met before injection' })];
      for (const probe of result.during) {
        checks.push(probeCheck(`${prefix}.during.${probe.name}`, `${title}: ${probe.name} during the faults`, probe, (d) => `while the faults were active: ${d}`));
      }
      for (const probe of result.after.probes) {
        checks.push(probeCheck(`${prefix}.steady-state-after.${probe.name}`, `${title}: ${probe.name} after the experiment`, probe, (d) => `the steady state deviated after the experiment: ${d}`));
      }
      checks.push(rollbackCheck(prefix, result), moneyCheck(prefix, title, result.money));
      checks.push(loadCheck(prefix, title, result.load, options.maxLoadErrorRate));
      return checks;
    }
  }
}

function loadCheck(prefix: string, title: string, load: Extract<ExperimentResult, { status: 'completed' }>['load'], maxErrorRate: number | undefined): Check {
  const id = `${prefix}.background-load`;
  const name = `${title}: background load during the faults`;
  const blocking = maxErrorRate !== undefined;
  if (!load) return check({ id, title: name, status: 'skipped', blocking: false, message: 'the experiment runs no background load' });
  if (load.outcome === 'error') return check({ id, title: name, status: blocking ? 'error' : 'warn', blocking, observed: null, message: `background load could not run: ${load.error}`, reason: 'harness_error' });
  const rate = load.failedRate;
  const summary = `${load.requests} requests, ${rate === null ? 'no' : `${(rate * 100).toFixed(1)} %`} failed, ${load.dropped} arrivals dropped`;
  if (!blocking) {
    const clean = rate === 0 && load.dropped === 0;
    return check({ id, title: name, status: clean ? 'pass' : 'warn', blocking: false, observed: rate, unit: 'ratio', samples: load.requests, message: `${summary} (informational: no error budget set for this experiment)` });
  }
  if (rate === null || load.requests === 0) return check({ id, title: name, status: 'inconclusive', blocking, observed: null, message: 'background load sent no requests', reason: 'no_data' });
  const ok = rate <= maxErrorRate;
  return check({ id, title: name, status: ok ? 'pass' : 'fail', blocking, observed: rate, unit: 'ratio', threshold: `rate<=${maxErrorRate}`, samples: load.requests, message: summary, reason: ok ? undefined : 'threshold_breached' });
}
