import type { z } from 'zod';
import { defineStage, type Observation } from '../core/stage.ts';
import { API_STEPS, runApiJourney } from './api-journey.ts';
import { smokeConfigSchema, type SmokeConfig } from './config.ts';
import { evaluateSmoke, type SmokeObservation } from './evaluate.ts';
import { observeUi, type UiJourneyDeps } from './ui-journey.ts';

export type SmokeStageObservation = SmokeObservation & Observation;

/** Builds the stage; tests pass deps (browser discovery, another Playwright config). */
export function createSmokeStage(deps: UiJourneyDeps = {}) {
  return defineStage<SmokeConfig, SmokeStageObservation>({
    id: 'smoke',
    title: 'Smoke: login → spin → deposit → withdraw',
    configSchema: smokeConfigSchema as unknown as z.ZodType<SmokeConfig>,
    needs: ['http'],
    describe: (config) => {
      const parts = [config.api && 'over the API', config.ui && 'in a real browser'].filter(Boolean).join(' and ');
      return `the player journey ${parts} against ${config.target ?? 'the edge'}${config.pool ? `, pinned to pool ${config.pool}` : ''}`;
    },
    plan: (config) => [
      ...(config.api ? [{ title: 'API journey', detail: `${API_STEPS.map((s) => s.id).join(' → ')}; ${config.timeouts.apiRequestMs} ms per request, ${config.timeouts.settleMs} ms for money to settle` }] : []),
      ...(config.ui ? [{ title: 'Browser journey (Playwright Test, Chromium)', detail: `${config.workers} worker(s), ${config.retries} retr${config.retries === 1 ? 'y' : 'ies'}, ${config.timeouts.uiTestMs} ms per test, ${config.timeouts.uiRunMs} ms in all` }] : []),
    ],
    async run(ctx, config) {
      const target = config.target ?? ctx.env?.urls.edge ?? null;
      if (!target) return { target: null, pool: config.pool, ui: { state: 'off' } };
      let api: SmokeObservation['api'];
      if (config.api) {
        ctx.progress(`API journey against ${target}`);
        api = await runApiJourney({
          fetch: ctx.adapters.fetch, baseUrl: target, pool: config.pool,
          requestTimeoutMs: config.timeouts.apiRequestMs, settleMs: config.timeouts.settleMs, signal: ctx.signal,
          sleep: (ms, signal) => ctx.clock.sleep(ms, signal).catch(() => undefined),
        });
      }
      const ui: SmokeObservation['ui'] = config.ui ? await observeUi(ctx, config, target, deps) : { state: 'off' };
      return { target, pool: config.pool, api, ui, summary: summarize(target, config.pool, api, ui) };
    },
    evaluate: (config, observation) => evaluateSmoke(config, observation),
  });
}

/** The smoke stage with real browser discovery and the shipped specs. */
export const smokeStage = createSmokeStage();

function summarize(target: string, pool: string | undefined, api: SmokeObservation['api'], ui: SmokeObservation['ui']): Record<string, unknown> {
  return {
    target,
    pool: pool ?? null,
    api: api?.map((s) => ({ step: s.step, status: s.status, durationMs: s.durationMs })) ?? null,
    ui: ui.state === 'ran'
      ? { state: ui.state, durationMs: ui.durationMs, browser: ui.browser, tests: ui.tests.map((t) => ({ title: t.title, outcome: t.outcome, attempts: t.attempts.length })) }
      : { state: ui.state },
  };
}
