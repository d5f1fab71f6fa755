// Writes test/fixtures/tensorboard/cases.json with lrkit's SummaryWriter into the directory given, for
// scripts/gen_tensorboard_fixtures.py to read back with TensorBoard's own reader. `--as-pytorch` names PyTorch's
// writer in source_metadata (for the byte comparison); without it the files say 'lrkit'.
import { PYTORCH_SOURCE_WRITER, loadCases, writeCases } from '../test/helpers/tensorboardCases.js';

const outdir = process.argv[2];
const asPytorch = process.argv.includes('--as-pytorch');
if (outdir === undefined) throw new Error('usage: tsx scripts/tensorboard_write_cases.ts OUTDIR');
await writeCases(loadCases(), outdir, asPytorch ? { sourceWriter: PYTORCH_SOURCE_WRITER } : {});
