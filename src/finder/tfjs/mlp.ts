import * as tf from '@tensorflow/tfjs';
import { OptionError } from '../../errors.js';
import { integerAtLeast, knownKeys, numberInRange, oneOf, plainObject, positiveInteger } from '../../validate.js';

/**
 * A small MLP classifier, as `lrkit find` reads it from flags or a JSON file.
 *
 * @example
 * const spec: MlpSpec = { hidden: [32], optimizer: 'momentum', momentum: 0.9, seed: 3 };
 * const model = buildMlp(spec, { inputs: 4, classes: 3, lr: 0.01 });
 * model.layers.length; // 2
 */
export interface MlpSpec {
  /** Hidden layer widths. Default [64]. */
  hidden?: number[];
  /** Hidden activation. Default 'relu'. */
  activation?: 'relu' | 'tanh' | 'sigmoid' | 'elu';
  /** tfjs optimizer. Default 'sgd'. */
  optimizer?: 'sgd' | 'momentum' | 'adam' | 'rmsprop';
  /** Momentum for 'momentum' (and 'rmsprop'). Default 0.9. */
  momentum?: number;
  /** Seed of the weight initializers. Default 1. */
  seed?: number;
}

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'] as const;

/**
 * Checks an {@link MlpSpec} (for example parsed from JSON) and fills in the defaults.
 *
 * @example
 * readMlpSpec({ hidden: [16] }).optimizer; // 'sgd'
 * let message = '';
 * try {
 *   readMlpSpec({ hidden: [0] });
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message.startsWith('model.hidden[0]: expected'); // true
 */
export function readMlpSpec(value: unknown, scope = 'model'): Required<MlpSpec> {
  const o = plainObject(scope, value);
  knownKeys(scope, o, ['hidden', 'activation', 'optimizer', 'momentum', 'seed']);
  const hidden = o.hidden ?? [64];
  if (!Array.isArray(hidden)) throw new OptionError(`${scope}.hidden`, hidden, 'an array of layer widths');
  return {
    hidden: hidden.map((h, i) => positiveInteger(`${scope}.hidden[${i}]`, h)),
    activation: oneOf(`${scope}.activation`, o.activation ?? 'relu', ACTIVATIONS),
    optimizer: oneOf(`${scope}.optimizer`, o.optimizer ?? 'sgd', OPTIMIZERS),
    momentum: numberInRange(`${scope}.momentum`, o.momentum ?? 0.9, { min: 0, max: 1, maxExclusive: true }),
    seed: integerAtLeast(`${scope}.seed`, o.seed ?? 1, 0),
  };
}

/**
 * Builds and compiles an MLP classifier (seeded Glorot-uniform kernels, softmax output, categorical
 * cross-entropy, accuracy metric) with the spec's tfjs optimizer at `lr`.
 *
 * @example
 * const model = buildMlp({ hidden: [128], optimizer: 'adam' }, { inputs: 784, classes: 10, lr: 1e-3 });
 * model.outputs[0]!.shape; // => [null, 10]
 */
export function buildMlp(spec: MlpSpec, shape: { inputs: number; classes: number; lr: number }): tf.Sequential {
  const s = readMlpSpec(spec);
  const model = tf.sequential();
  s.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [shape.inputs] } : {}),
        units,
        activation: s.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: s.seed + i }),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      ...(s.hidden.length === 0 ? { inputShape: [shape.inputs] } : {}),
      units: shape.classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: s.seed + s.hidden.length }),
    }),
  );
  const optimizer =
    s.optimizer === 'sgd'
      ? tf.train.sgd(shape.lr)
      : s.optimizer === 'momentum'
        ? tf.train.momentum(shape.lr, s.momentum)
        : s.optimizer === 'adam'
          ? tf.train.adam(shape.lr)
          : tf.train.rmsprop(shape.lr, 0.9, s.momentum);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
