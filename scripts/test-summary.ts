// Prints one plain closing line for all vitest JSON reports given: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

interface VitestJson { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }

const reports = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')) as VitestJson);
const sum = (pick: (r: VitestJson) => number) => reports.reduce((total, r) => total + pick(r), 0);
console.log(`tests: ${sum((r) => r.numPassedTests)} passed, ${sum((r) => r.numFailedTests)} failed, ${sum((r) => r.numPendingTests + r.numTodoTests)} skipped`);
