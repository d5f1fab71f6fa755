// Writes test/fixtures/tensorboard/cases.json with lrkit's SummaryWriter into the directory given, for
// scripts/gen_tensorboard_fixtures.py to read back with TensorBoard's own reader.
import { loadCases, writeCases } from '../test/helpers/tensorboardCases.js';

const outdir = process.argv[2];
if (outdir === undefined) throw new Error('usage: tsx scripts/tensorboard_write_cases.ts OUTDIR');
await writeCases(loadCases(), outdir);
