// lrkit/internal: helpers shared with lrkit-cli (option validators, seeded randomness). Not a public API:
// no semver promise; lrkit-cli pins the exact lrkit version it was built with.
export * from './validate.js';
export { hashNumber, mulberry32, normal, shuffleInPlace } from './random.js';
