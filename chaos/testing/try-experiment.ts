// Developer script: node chaos/testing/try-experiment.ts <name> — starts a replica, runs one shipped experiment, prints the result.
import { createLocalProvider } from '../../staging/local/provider.ts';
import { localInjector } from '../local/injector.ts';
import { parseExperiment } from '../model/experiment.ts';
import { runExperiment } from '../run/run-experiment.ts';
import { SHIPPED_EXPERIMENT_INPUTS, type ShippedExperimentName } from '../shipped/index.ts';
import { testRunContext } from './run-context.ts';

const names = (process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SHIPPED_EXPERIMENT_INPUTS)) as ShippedExperimentName[];
const { ctx, dispose } = testRunContext('try-chaos');
try {
  const t0 = performance.now();
  ctx.env = await createLocalProvider().up(ctx, { candidate: '1.5.0', baseline: '1.4.0', instances: 2 });
  console.log(`env up in ${Math.round(performance.now() - t0)} ms`);
  for (const name of names) {
    const result = await runExperiment({ ctx, experiment: parseExperiment(SHIPPED_EXPERIMENT_INPUTS[name]), injector: localInjector(ctx) });
    console.log(JSON.stringify(result, null, 1));
  }
} finally {
  await dispose();
}
