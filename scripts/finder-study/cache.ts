import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { FinderCurve, OneCycleOutcome } from './train.js';

/** Everything measured for one (setting, seed): the finder curve and the OneCycleLR outcome per maxLr. */
export interface CaseRecord {
  settingId: string;
  seed: number;
  /** The setting as it was run (a changed setting invalidates the record). */
  signature: string;
  finder: FinderCurve | null;
  /** Keyed by `runKey(maxLr, budget)`; `budget` is set for the short runs of tuneMaxLr only. */
  runs: Record<string, OneCycleOutcome & { lr: number; budget?: number }>;
}

/** Cache key of an lr: 6 significant digits (picks closer than that are the same training run). */
export const lrKey = (lr: number): string => lr.toPrecision(6);

/** Cache key of a run: the lr key, plus `@budget` for a shortened run. */
export const runKey = (lr: number, budget = 1): string => (budget === 1 ? lrKey(lr) : `${lrKey(lr)}@${budget}`);

export class CaseCache {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private file(settingId: string, seed: number): string {
    return path.join(this.dir, `${settingId}-seed${seed}.json`);
  }

  load(settingId: string, seed: number, signature: string): CaseRecord {
    const file = this.file(settingId, seed);
    if (existsSync(file)) {
      const record = JSON.parse(readFileSync(file, 'utf8')) as CaseRecord;
      if (record.signature === signature) return record;
    }
    return { settingId, seed, signature, finder: null, runs: {} };
  }

  /** Atomic write: a crash mid-write leaves the previous file. */
  save(record: CaseRecord): void {
    const file = this.file(record.settingId, record.seed);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }
}
