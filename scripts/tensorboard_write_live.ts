// Writes a TensorBoard run in rounds for scripts/gen_tensorboard_fixtures.py: each round logs `per` scalars,
// flushes, prints "flushed <count> <file>" and waits for a line on stdin before the next; then closes.
import { createInterface } from 'node:readline';
import { SummaryWriter } from '../src/tensorboard/index.js';

const [dir, roundsText = '3', perText = '5'] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: tsx scripts/tensorboard_write_live.ts DIR [rounds] [per round]');
const rounds = Number(roundsText);
const per = Number(perText);
const writer = new SummaryWriter(dir, { flushSecs: 3600 });
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < per; i++) writer.addScalar('live/value', round * per + i, round * per + i);
  await writer.flush();
  process.stdout.write(`flushed ${(round + 1) * per} ${writer.file}\n`);
  await lines.next();
}
input.close();
await writer.close();
process.stdout.write('closed\n');
