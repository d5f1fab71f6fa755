import { describe, expect, it } from 'vitest';
import { WriteError } from '../errors.js';
import { RecordFile } from './recordFile.js';

describe('RecordFile', () => {
  it('a write that fails later (disk full) rejects flush() and close() and makes the next append throw, naming the file', async () => {
    // /dev/full accepts open() and fails every write with ENOSPC.
    const file = new RecordFile('/dev/full', Buffer.alloc(0), 10, 3600_000, 'w');
    file.append(Buffer.from('record'));
    await expect(file.flush()).rejects.toThrow(WriteError);
    await expect(file.flush()).rejects.toThrow(/\/dev\/full: could not write: ENOSPC/);
    expect(() => file.append(Buffer.from('more'))).toThrow(/ENOSPC/);
    await expect(file.close()).rejects.toThrow(WriteError);
  });

  it('a header that cannot be written fails the constructor', () => {
    expect(() => new RecordFile('/dev/full', Buffer.from('header'), 10, 1000, 'w')).toThrow(/ENOSPC/);
  });
});
