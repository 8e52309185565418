/** Builders for Playwright JSON reports in the shape its JSON reporter writes (for pure tests). */
export type ResultStatus = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';

export function result(status: ResultStatus, retry = 0, options: { duration?: number; error?: string; attachments?: { name: string; contentType: string; path?: string }[] } = {}) {
  return {
    workerIndex: 0, status, duration: options.duration ?? 1000, retry, startTime: '2026-11-27T04:00:00.000Z',
    errors: options.error ? [{ message: options.error }] : [],
    ...(options.error ? { error: { message: options.error, stack: 'stack' } } : {}),
    stdout: [], stderr: [], annotations: [], attachments: options.attachments ?? [],
  };
}

export function spec(title: string, status: 'expected' | 'unexpected' | 'flaky' | 'skipped', results: ReturnType<typeof result>[]) {
  return { title, ok: status !== 'unexpected', tags: [], id: title, file: 'journey.spec.ts', line: 1, column: 1, tests: [{ timeout: 20000, annotations: [], expectedStatus: 'passed', projectId: '', projectName: '', results, status }] };
}

export function report(specs: ReturnType<typeof spec>[], options: { nested?: ReturnType<typeof spec>[]; errors?: string[] } = {}) {
  return {
    config: {},
    suites: [{
      title: 'journey.spec.ts', file: 'journey.spec.ts', line: 0, column: 0, specs,
      suites: options.nested ? [{ title: 'lobby', file: 'journey.spec.ts', line: 3, column: 1, specs: options.nested }] : [],
    }],
    errors: (options.errors ?? []).map((message) => ({ message })),
    stats: {},
  };
}
