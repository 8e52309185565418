import type { MetricDescriptor, Tags } from '../metrics.ts';
import { HdrTrendSink, type HdrTrendSnapshot } from './hdr-trend-sink.ts';
import { ExactTrendSink } from './trend-sink.ts';
import type { MetricSink } from './sinks.ts';

export type SinkSnapshot =
  | { type: 'counter'; samples: number; sum: number }
  | { type: 'gauge'; samples: number; last: number; min: number | null; max: number | null }
  | { type: 'rate'; samples: number; trues: number }
  | { type: 'trend'; trend: { kind: 'exact'; values: number[] } | HdrTrendSnapshot };

/** A registry's samples as plain data: post it from a worker thread, merge it in the main thread. */
export interface RegistrySnapshot {
  series: Array<{ name: string; tags: Tags; sink: SinkSnapshot }>;
}

export function snapshotSink(sink: MetricSink): SinkSnapshot {
  switch (sink.type) {
    case 'counter':
      return { type: 'counter', samples: sink.samples, sum: sink.sum };
    case 'gauge':
      return {
        type: 'gauge',
        samples: sink.samples,
        last: sink.last,
        min: sink.samples > 0 ? sink.min : null,
        max: sink.samples > 0 ? sink.max : null,
      };
    case 'rate':
      return { type: 'rate', samples: sink.samples, trues: sink.trues };
    case 'trend': {
      const trend = sink.trend;
      if (trend instanceof HdrTrendSink) return { type: 'trend', trend: trend.snapshot() };
      if (trend instanceof ExactTrendSink) return { type: 'trend', trend: { kind: 'exact', values: [...trend.values()] } };
      throw new TypeError(`trend sink of kind "${trend.kind}" cannot be snapshotted`);
    }
  }
}

/** Rebuilds a sink; `order` ranks a snapshot's gauge value against values already in the registry. */
export function sinkFromSnapshot(snapshot: SinkSnapshot, descriptor: MetricDescriptor, order: number): MetricSink {
  if (snapshot.type !== descriptor.type) {
    throw new TypeError(`snapshot of "${descriptor.name}" is a ${snapshot.type}, the registry declares a ${descriptor.type}`);
  }
  switch (snapshot.type) {
    case 'counter':
      return { ...snapshot };
    case 'gauge':
      return {
        type: 'gauge',
        samples: snapshot.samples,
        last: snapshot.last,
        order,
        min: snapshot.min ?? Infinity,
        max: snapshot.max ?? -Infinity,
      };
    case 'rate':
      return { ...snapshot };
    case 'trend': {
      if (snapshot.trend.kind === 'hdr') return { type: 'trend', trend: HdrTrendSink.fromSnapshot(snapshot.trend) };
      const exact = new ExactTrendSink();
      for (const value of snapshot.trend.values) exact.add(value);
      return { type: 'trend', trend: exact };
    }
  }
}
