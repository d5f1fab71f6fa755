/**
 * Prints the learning rate of a few PyTorch-exact schedulers side by side.
 * Run: `npx tsx examples/schedule-table.ts [steps]`.
 */
import { CosineAnnealingLR, createOptimizer, ExponentialLR, LinearLR, MultiStepLR, OneCycleLR, SequentialLR, StepLR, type Scheduler } from 'lrkit';

const steps = Number(process.argv[2] ?? 20);
const columns: Record<string, (o: ReturnType<typeof createOptimizer>) => Scheduler> = {
  StepLR: (o) => new StepLR(o, { stepSize: 5, gamma: 0.5 }),
  MultiStepLR: (o) => new MultiStepLR(o, { milestones: [8, 14], gamma: 0.1 }),
  ExponentialLR: (o) => new ExponentialLR(o, { gamma: 0.9 }),
  CosineAnnealingLR: (o) => new CosineAnnealingLR(o, { tMax: steps }),
  'warmup+cosine': (o) =>
    new SequentialLR(o, {
      schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 4 }), new CosineAnnealingLR(o, { tMax: steps - 4 })],
      milestones: [4],
    }),
  OneCycleLR: (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: steps }),
};

const traces = Object.entries(columns).map(([name, make]) => {
  const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9 });
  const scheduler = make(optimizer) as { step(): void };
  const lrs = [optimizer.paramGroups[0]!.lr];
  for (let i = 0; i < steps; i++) {
    optimizer.step();
    scheduler.step();
    lrs.push(optimizer.paramGroups[0]!.lr);
  }
  return { name, lrs };
});

const width = 15;
console.log(['step'.padStart(4), ...traces.map((t) => t.name.padStart(width))].join(' '));
for (let i = 0; i <= steps; i++) {
  console.log([String(i).padStart(4), ...traces.map((t) => (t.lrs[i] as number).toPrecision(6).padStart(width))].join(' '));
}
