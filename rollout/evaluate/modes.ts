import { check, type Check } from '../../core/check.ts';
import type { FlagsObservation } from '../flags/drill.ts';
import type { MaintenanceObservation } from '../modes/maintenance.ts';
import type { ReadOnlyObservation } from '../modes/read-only.ts';
import { trafficCheck } from './canary.ts';

export function flagChecks(observed: FlagsObservation): Check[] {
  if (observed.flags.length === 0) {
    return [check({ id: 'rollout.flags', title: 'new feature flags', status: 'skipped', blocking: false, observed: 0, message: `the candidate declares no flag the baseline lacks (${observed.candidateManifest})` })];
  }
  return observed.flags.flatMap((f) => {
    const id = `rollout.flags.${f.name}`;
    const offByDefault = !f.manifestDefault && f.liveBefore.length > 0 && f.liveBefore.every((v) => !v) && (f.probe === null || !f.probe.off);
    const onNoRestart = f.liveOn.length > 0 && f.liveOn.every(Boolean) && f.effectMs !== null && (f.probe === null || f.probe.on) && f.restarted === false;
    const offRestores = f.liveOff.length > 0 && f.liveOff.every((v) => !v) && (f.probe === null || !f.probe.offAgain);
    const how = f.probe ? 'flags API and behaviour probe' : 'flags API only (no behaviour probe for this flag)';
    return [
      check({
        id: `${id}.default-off`, title: `new flag ${f.name} defaults to off`, status: offByDefault ? 'pass' : 'fail', reason: offByDefault ? undefined : 'threshold_breached',
        observed: f.manifestDefault, threshold: 'value==false',
        message: `manifest default ${f.manifestDefault}; live on ${f.liveBefore.length} candidate instance(s): ${f.liveBefore.join(', ')}${f.probe ? `; behaviour ${f.probe.off ? 'on' : 'off'}` : ''}`,
      }),
      check({
        id: `${id}.on-without-restart`, title: `${f.name} takes effect without a restart`,
        status: f.restarted === null ? 'inconclusive' : onNoRestart ? 'pass' : 'fail', reason: f.restarted === null ? 'capability_missing' : onNoRestart ? undefined : 'threshold_breached',
        observed: f.effectMs, unit: 'ms', threshold: 'value<=5000',
        message: `on: ${f.liveOn.join(', ')} after ${f.effectMs ?? '> 5000'} ms; ${f.probe ? `behaviour ${f.probe.on ? 'changed' : 'unchanged'}; ` : ''}${f.restarted === null ? 'restarts cannot be seen here' : f.restarted ? 'an instance restarted' : 'no instance restarted'} (${how})`,
      }),
      check({
        id: `${id}.off-restores`, title: `turning ${f.name} off restores the old behaviour`, status: offRestores ? 'pass' : 'fail', reason: offRestores ? undefined : 'threshold_breached',
        observed: f.liveOff.some(Boolean), threshold: 'value==false', message: `off: ${f.liveOff.join(', ')}${f.probe ? `; behaviour ${f.probe.offAgain ? 'still on' : 'back to before'}` : ''}`,
      }),
    ];
  });
}

export function readOnlyChecks(observed: ReadOnlyObservation): Check[] {
  const { during, after, before } = observed;
  const ledgerOk = observed.ledgerBefore.ok && observed.ledgerAfter.ok;
  const recovered = !observed.readOnlyAfter && after.writes > 0 && after.writesOk === after.writes && after.reads === after.readsOk && after.unexpected === 0;
  return [
    check({
      id: 'rollout.read-only.writes-refused', title: 'writes refused cleanly (503 + Retry-After) while read-only', status: during.writes === 0 ? 'inconclusive' : during.writesRefusedCleanly === during.writes ? 'pass' : 'fail',
      reason: during.writes === 0 ? 'no_data' : during.writesRefusedCleanly === during.writes ? undefined : 'threshold_breached', observed: during.writes - during.writesRefusedCleanly, threshold: 'count<1', samples: during.writes,
      message: `${during.writesRefusedCleanly}/${during.writes} writes refused with 503 + Retry-After; ${during.writesOk} accepted${during.examples.length ? `; ${during.examples.join('; ')}` : ''}`,
    }),
    check({
      id: 'rollout.read-only.reads-served', title: 'reads served while read-only', status: during.reads === 0 ? 'inconclusive' : during.readsOk === during.reads ? 'pass' : 'fail',
      reason: during.reads === 0 ? 'no_data' : during.readsOk === during.reads ? undefined : 'threshold_breached', observed: during.reads - during.readsOk, threshold: 'count<1', samples: during.reads,
      message: `${during.readsOk}/${during.reads} reads answered`,
    }),
    check({
      id: 'rollout.read-only.ledger', title: 'no money lost in flight (ledger invariants)', status: ledgerOk ? 'pass' : observed.ledgerBefore.ok ? 'fail' : 'inconclusive',
      reason: ledgerOk ? undefined : observed.ledgerBefore.ok ? 'threshold_breached' : 'baseline_missing', observed: observed.ledgerAfter.violations.length, threshold: 'count<1',
      message: ledgerOk ? 'ledger reconciles before and after' : [...observed.ledgerBefore.violations.map((v) => `before: ${v}`), ...observed.ledgerAfter.violations].slice(0, 5).join('; '),
    }),
    check({
      id: 'rollout.read-only.recovered', title: 'normal service after read-only', status: after.writes === 0 ? 'inconclusive' : recovered && before.unexpected === 0 ? 'pass' : 'fail',
      reason: after.writes === 0 ? 'no_data' : recovered && before.unexpected === 0 ? undefined : 'threshold_breached', observed: after.writes - after.writesOk, threshold: 'count<1', samples: after.writes + after.reads,
      message: `after: ${after.writesOk}/${after.writes} writes and ${after.readsOk}/${after.reads} reads ok; read-only ${observed.readOnlyAfter ? 'still on' : 'off'}${after.examples.length ? `; ${after.examples.join('; ')}` : ''}`,
    }),
    trafficCheck('rollout.read-only.traffic', observed.traffic),
  ];
}

export function maintenanceChecks(observed: MaintenanceObservation): Check[] {
  return observed.notices.flatMap((n) => {
    const slug = n.label.replace(/\s+/g, '');
    const noticeOk = n.notice === n.expected;
    const bannerExpected = n.expected !== null;
    const bannerCheck = observed.bannerCheckedWith === 'browser'
      ? check({
          id: `rollout.maintenance.banner.${slug}`, title: `UI banner ${n.label} a window`, status: n.bannerVisible === bannerExpected ? 'pass' : 'fail',
          reason: n.bannerVisible === bannerExpected ? undefined : 'threshold_breached', observed: n.bannerVisible, threshold: `value==${bannerExpected}`,
          message: n.bannerVisible ? `banner shown (Chromium): "${n.bannerText}"` : 'no banner shown (Chromium)',
        })
      : check({
          id: `rollout.maintenance.banner.${slug}`, title: `UI banner element ${n.label} a window`, blocking: false, status: n.bannerText === '' ? 'warn' : 'fail',
          reason: n.bannerText === '' ? 'capability_missing' : 'threshold_breached', observed: n.bannerText === '',
          message: `checked over HTTP only (${observed.browserProblem ?? 'no browser'}): the page ${n.bannerText === '' ? 'serves' : 'lacks'} the banner element; its text is filled by script and was not seen`,
        });
    return [
      check({
        id: `rollout.maintenance.notice.${slug}`, title: `maintenance notice ${n.label} a window`, status: noticeOk ? 'pass' : 'fail', reason: noticeOk ? undefined : 'threshold_breached',
        observed: n.notice ?? 'none', threshold: `value==${n.expected ?? 'none'}`, message: `GET /maintenance announced ${n.notice ?? 'nothing'}, expected ${n.expected ?? 'nothing'}`,
      }),
      bannerCheck,
    ];
  });
}
