// lrkit/tensorboard (Node): TensorBoard event files, CSV / JSON-lines logs, and helpers to log training runs.
export { SummaryWriter, type SummaryWriterOptions } from './SummaryWriter.js';
export { FileLogger, type FileLoggerOptions } from './FileLogger.js';
export { logOptimizer } from './logOptimizer.js';
export { logFinderResult } from './logFinder.js';
export type { TrainingLogger, AddHparamsOptions, HparamValue } from './logger.js';
export { readRecords, frameRecord, type RecordScan } from './tfrecord.js';
export { crc32c, maskedCrc32c } from './crc32c.js';
