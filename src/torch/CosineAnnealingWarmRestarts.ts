import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { encodeFloat, type JsonValue, type StateReader } from '../state.js';
import { checkCallOrder, LRScheduler, nextEpoch, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, etaMin, int, lastEpoch, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface CosineAnnealingWarmRestartsOptions extends LastEpochOption {
  /** Steps until the first restart. A positive integer. */
  t0: number;
  /** Factor by which the period grows after each restart. An integer >= 1. Default 1. */
  tMult?: number;
  /** Minimum lr. Default 0. */
  etaMin?: number;
}

/** CosineAnnealingWarmRestarts' options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const cosineAnnealingWarmRestartsOptions = defineOptions<CosineAnnealingWarmRestartsOptions>()({
  type: 'CosineAnnealingWarmRestarts',
  doc: 'Cosine annealing with warm restarts (SGDR); periods grow by tMult.',
  ...torchEpoch,
  options: { t0: int('T_0', 'Steps until the first restart.', 1), tMult: int('T_mult', 'Period growth factor after each restart.', 1, 1), etaMin, lastEpoch: lastEpoch() },
  example: { t0: 10, tMult: 2, etaMin: 0 },
});

/**
 * PyTorch `CosineAnnealingWarmRestarts` (SGDR). `step(epoch)` accepts fractional epochs, e.g.
 * `scheduler.step(epoch + i / itersPerEpoch)`, and may be interleaved with plain `step()`.
 *
 * @example
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { t0: 10, tMult: 2 });
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  readonly type = 'CosineAnnealingWarmRestarts';
  readonly t0: number;
  readonly tMult: number;
  readonly etaMin: number;
  /** Length of the current cycle. */
  tI: number;
  /** Position within the current cycle (fractional after `step(epoch)` with a fraction). */
  tCur: number;

  private readonly options: Required<CosineAnnealingWarmRestartsOptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: CosineAnnealingWarmRestartsOptions, where: Where = 'CosineAnnealingWarmRestarts') {
    const o = cosineAnnealingWarmRestartsOptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.t0 = o.t0;
    this.tMult = o.tMult;
    this.etaMin = o.etaMin;
    this.tI = o.t0;
    this.tCur = this.lastEpoch;
    this.lockOptions(['t0', 'tMult', 'etaMin']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(cosineAnnealingWarmRestartsOptions, this.options);
  }

  protected computeLr(out: number[]): void {
    const { etaMin } = this;
    const c = 1 + Math.cos((Math.PI * this.tCur) / this.tI);
    for (let i = 0; i < out.length; i++) out[i] = etaMin + (((this.baseLrs[i] as number) - etaMin) * c) / 2;
  }

  /** One step, or a jump to `epoch` (may be fractional, must be >= 0). */
  override step(epoch?: number): void {
    checkCallOrder(this.optimizer);
    this.checkGroupCount();
    let e = epoch;
    if (e === undefined && this.lastEpoch < 0) e = 0;
    if (e === undefined) {
      e = nextEpoch(this.type, this.lastEpoch);
      this.tCur = this.tCur + 1;
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur % this.tI;
        this.tI = this.tI * this.tMult;
      }
    } else {
      if (typeof e !== 'number' || !Number.isFinite(e) || e < 0) {
        throw new OptionError('CosineAnnealingWarmRestarts.step(epoch)', e, 'a finite non-negative number');
      }
      if (e >= this.t0) {
        if (this.tMult === 1) {
          this.tCur = e % this.t0;
        } else {
          // Python's math.log(x, base) is log(x) / log(base); int() truncates.
          const n = Math.trunc(Math.log((e / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
          this.tCur = e - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
          this.tI = this.t0 * this.tMult ** n;
        }
      } else {
        this.tI = this.t0;
        this.tCur = e;
      }
    }
    this.lastEpoch = Math.floor(e);
    this.computeLr(this.lrBuffer);
    this.writeLrs(this.lrBuffer);
  }

  protected override extraState(): Record<string, JsonValue> {
    return { tI: this.tI, tCur: encodeFloat(this.tCur) };
  }

  protected override readExtraState(reader: StateReader): () => void {
    const tI = reader.integer('tI');
    const tCur = reader.float('tCur');
    return () => {
      this.tI = tI;
      this.tCur = tCur;
    };
  }

  /**
   * With `tMult` 1 the closed form depends on `epoch % t0` only: evaluate one period, copy it. With a larger
   * `tMult`, the cycle index `n` (a log formula) is constant inside each cycle: it is computed once per cycle and
   * checked at the cycle's last steps, and each step costs one cosine, with the same arithmetic as `lrAt`.
   */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    if (this.tMult === 1) {
      const period = Math.min(steps, this.t0);
      super.previewInto(columns, period);
      for (const column of columns) for (let from = period; from < steps; from += period) column.copyWithin(from, 0, Math.min(period, steps - from));
      return;
    }
    const { t0, tMult, etaMin } = this;
    const cycleOf = (e: number) => Math.trunc(Math.log((e / t0) * (tMult - 1) + 1) / Math.log(tMult));
    const buffer = new Array<number>(columns.length).fill(0);
    // Before the first restart the closed form is tCur = e, tI = t0.
    let e = 0;
    let n = -1;
    while (e < steps) {
      const offset = n < 0 ? 0 : (t0 * (tMult ** n - 1)) / (tMult - 1);
      const tI = n < 0 ? t0 : t0 * tMult ** n;
      // Exact end of this cycle; the formula is only trusted (and checked) up to a few steps before it.
      const end = n < 0 ? t0 : (t0 * (tMult ** (n + 1) - 1)) / (tMult - 1);
      const safeEnd = Math.min(steps, Math.max(e, end - 3));
      if (safeEnd > e && (n < 0 ? safeEnd - 1 < t0 : cycleOf(safeEnd - 1) === n)) {
        for (; e < safeEnd; e++) {
          const c = 1 + Math.cos((Math.PI * (n < 0 ? e : e - offset)) / tI);
          for (let g = 0; g < columns.length; g++) (columns[g] as Float64Array)[e] = etaMin + (((this.baseLrs[g] as number) - etaMin) * c) / 2;
        }
      }
      // Steps near the boundary go through the closed form itself.
      const slowEnd = Math.min(steps, end + 3);
      for (; e < slowEnd; e++) {
        this.lastEpoch = e;
        this.closedFormAt(buffer);
        for (let g = 0; g < columns.length; g++) (columns[g] as Float64Array)[e] = buffer[g] as number;
      }
      n = e >= t0 ? cycleOf(e) : -1;
    }
  }

  /** The `step(epoch)` arithmetic at epoch `lastEpoch`, without changing `tCur` / `tI`. */
  protected override closedFormAt(out: number[]): void {
    const e = this.lastEpoch;
    let tCur = e;
    let tI = this.t0;
    if (e >= this.t0) {
      if (this.tMult === 1) tCur = e % this.t0;
      else {
        const n = Math.trunc(Math.log((e / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
        tCur = e - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
        tI = this.t0 * this.tMult ** n;
      }
    }
    const c = 1 + Math.cos((Math.PI * tCur) / tI);
    for (let i = 0; i < out.length; i++) out[i] = this.etaMin + (((this.baseLrs[i] as number) - this.etaMin) * c) / 2;
  }
}
