export { probeStage, probeConfigSchema, PROBE_METRICS, type ProbeConfig, type ProbeObservation } from './probe-stage.ts';
