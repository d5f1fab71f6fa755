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
