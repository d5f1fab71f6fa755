/**
 * The cases shared by the TensorBoard fixture generator (scripts/gen_tensorboard_fixtures.py) and the tests:
 * `test/fixtures/tensorboard/cases.json` lists what to log; {@link writeCases} logs it with lrkit, one run per case.
 * Non-finite numbers travel through JSON as the strings "nan", "inf", "-inf".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SummaryWriter, type SummaryWriterOptions } from '../../src/tensorboard/index.js';

/** What PyTorch's writer puts in `source_metadata.writer`; lrkit writes 'lrkit' unless told otherwise. */
export const PYTORCH_SOURCE_WRITER = 'tensorboard.summary.writer.event_file_writer';

type JsonNumber = number | 'nan' | 'inf' | '-inf';

export interface TensorBoardCases {
  /** Clock of every writer (creation time of each event file). */
  t0: number;
  scalars: Array<{ tag: string; value: JsonNumber; step: number; wallTime: number }>;
  scalarGroups: Array<{ mainTag: string; values: Record<string, JsonNumber>; step: number; wallTime: number }>;
  text: Array<{ tag: string; text: string; step: number; wallTime: number }>;
  histograms: Array<{ tag: string; values: JsonNumber[]; step: number; wallTime: number }>;
  hparams: { hparams: Record<string, number | string | boolean>; metrics: Record<string, JsonNumber>; step: number; trialId: string; wallTime: number };
}

export const CASES_FILE = new URL('../fixtures/tensorboard/cases.json', import.meta.url);

export function loadCases(): TensorBoardCases {
  return JSON.parse(readFileSync(CASES_FILE, 'utf8')) as TensorBoardCases;
}

export function num(value: JsonNumber): number {
  if (value === 'nan') return NaN;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  return value;
}

/** Writes each case into its own run under `outdir`: scalars/, scalar_groups/, text/, histograms/, hparams/. */
export async function writeCases(cases: TensorBoardCases, outdir: string, options: SummaryWriterOptions = {}): Promise<void> {
  const clock = () => cases.t0;
  const scalars = new SummaryWriter(join(outdir, 'scalars'), { clock, ...options });
  for (const s of cases.scalars) scalars.addScalar(s.tag, num(s.value), s.step, s.wallTime);
  const groups = new SummaryWriter(join(outdir, 'scalar_groups'), { clock, ...options });
  for (const g of cases.scalarGroups) groups.addScalars(g.mainTag, Object.fromEntries(Object.entries(g.values).map(([k, v]) => [k, num(v)])), g.step, g.wallTime);
  const text = new SummaryWriter(join(outdir, 'text'), { clock, ...options });
  for (const t of cases.text) text.addText(t.tag, t.text, t.step, t.wallTime);
  const histograms = new SummaryWriter(join(outdir, 'histograms'), { clock, ...options });
  for (const h of cases.histograms) histograms.addHistogram(h.tag, h.values.map(num), h.step, h.wallTime);
  const hp = new SummaryWriter(join(outdir, 'hparams'), { clock, ...options });
  const { hparams, metrics, step, trialId, wallTime } = cases.hparams;
  hp.addHparams(hparams, Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, num(v)])), { step, trialId, wallTime });
  await Promise.all([scalars, groups, text, histograms, hp].map((w) => w.close()));
}
