import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { encodeFloat, type JsonValue, type StateReader } from '../state.js';
import { finiteNumber, integerAtLeast, positiveInteger } from '../validate.js';
import { checkCallOrder, LRScheduler, nextEpoch, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface CosineAnnealingWarmRestartsOptions extends LastEpochOption {
  /** Steps until the first restart. A positive integer. */
  t0: number;
  /** Factor by which the period grows after each restart. An integer >= 1. Default 1. */
  tMult?: number;
  /** Minimum lr. Default 0. */
  etaMin?: number;
}

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

  constructor(optimizer: Optimizer, options: CosineAnnealingWarmRestartsOptions) {
    const { opts } = readOptions('CosineAnnealingWarmRestarts', optimizer, options, ['t0', 'tMult', 'etaMin', 'lastEpoch']);
    const t0 = positiveInteger('CosineAnnealingWarmRestarts.t0', opts.t0);
    const tMult = integerAtLeast('CosineAnnealingWarmRestarts.tMult', orDefault(opts.tMult, 1), 1);
    const etaMin = finiteNumber('CosineAnnealingWarmRestarts.etaMin', orDefault(opts.etaMin, 0.0));
    super(optimizer, opts.lastEpoch as number | undefined, 'CosineAnnealingWarmRestarts');
    this.t0 = t0;
    this.tI = t0;
    this.tMult = tMult;
    this.etaMin = etaMin;
    this.tCur = this.lastEpoch;
    this.lockOptions(['t0', 'tMult', 'etaMin']);
    this.initialStep();
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
