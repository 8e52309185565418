// Times the full RNG battery (15 SP 800-22 tests + output-level tests) on 10^6 bits of crypto.randomBytes.
// Run: node bench/rng-battery.ts [bits]
import { randomBytes } from 'node:crypto';
import { runBattery } from '../sandbox-checks/rng/battery.ts';
import { bitsFromBytes, wordsFromBytes } from '../sandbox-checks/rng/bit-sequence.ts';
import { NIST_TEST_IDS } from '../sandbox-checks/rng/nist/nist-suite.ts';
import { WORD_TEST_IDS } from '../sandbox-checks/rng/output/output-suite.ts';

const bitCount = Number(process.argv[2] ?? 1_000_000);
const bytes = new Uint8Array(randomBytes(Math.ceil(bitCount / 8)));
const input = { bits: bitsFromBytes(bytes, bitCount), words: wordsFromBytes(bytes) };

runBattery(input); // warm-up: JIT and the FFT plan for this length
const rounds = 3;
const started = performance.now();
let verdict = '';
for (let i = 0; i < rounds; i++) verdict = runBattery(input).verdict;
const perRun = (performance.now() - started) / rounds;

const perTest = [...NIST_TEST_IDS, ...WORD_TEST_IDS].map((id) => {
  const t = performance.now();
  runBattery(input, { only: [id] });
  return `${id} ${(performance.now() - t).toFixed(0)} ms`;
});
console.log(`full battery on ${bitCount} bits: ${perRun.toFixed(0)} ms per run (mean of ${rounds}, verdict ${verdict})`);
console.log(perTest.join('\n'));
