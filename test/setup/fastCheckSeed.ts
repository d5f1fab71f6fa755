import fc from 'fast-check';

// Property tests run with a fixed seed so CI is deterministic; set LRKIT_FC_SEED to explore other seeds
// (a failure prints its seed and path for replay).
fc.configureGlobal({ seed: Number(process.env.LRKIT_FC_SEED ?? 20261124) });
