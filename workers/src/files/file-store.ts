// Content-addressed, immutable file storage (shared by the server, which receives uploads, and
// the workers, which read manuscripts and write review copies) behind a small interface (local disk now; an
// S3-compatible store can implement the same three methods later).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
  /** The first bytes of the file, for content sniffing. */
  head: Buffer;
  /** The last bytes of the file, to tell a complete file from a cut-off one. */
  tail: Buffer;
}

export interface PendingBlob extends StoredBlob {
  /** Where the bytes wait on this machine until commit or discard (the upload's PDF check reads them there). */
  localPath: string;
  /** Makes the blob permanent (deduplicated by hash). */
  commit(): Promise<void>;
  /** Throws it away: nothing is left behind. */
  discard(): Promise<void>;
}

export interface FileStore {
  /** Streams into temporary storage while hashing; never holds the whole file in memory. */
  receive(stream: Readable): Promise<PendingBlob>;
  open(sha256: string): Readable;
  exists(sha256: string): Promise<boolean>;
  /** Removes a file no row refers to any more (the caller has checked); absent already is fine. */
  remove(sha256: string): Promise<void>;
}

const HEAD_BYTES = 1024;
const TAIL_BYTES = 4096;

export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'files');
  }

  /** Where a stored file lives on this machine (the PDF child process reads it from there). */
  localPath(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async receive(stream: Readable): Promise<PendingBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let sizeBytes = 0;
    // Fixed buffers for the first and last bytes: no allocation per chunk, so memory stays flat.
    const head = Buffer.alloc(HEAD_BYTES);
    let headLength = 0;
    const tail = Buffer.alloc(TAIL_BYTES);
    let tailLength = 0;
    const inspect = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        if (headLength < HEAD_BYTES) headLength += chunk.copy(head, headLength, 0, HEAD_BYTES - headLength);
        if (chunk.length >= TAIL_BYTES) {
          chunk.copy(tail, 0, chunk.length - TAIL_BYTES);
          tailLength = TAIL_BYTES;
        } else {
          const keep = Math.min(tailLength, TAIL_BYTES - chunk.length);
          tail.copy(tail, 0, tailLength - keep, tailLength);
          chunk.copy(tail, keep);
          tailLength = keep + chunk.length;
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, inspect, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await fs.rm(tmpPath, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const finalPath = this.localPath(sha256);
    return {
      sha256,
      sizeBytes,
      localPath: tmpPath,
      head: head.subarray(0, headLength),
      tail: tail.subarray(0, tailLength),
      commit: async () => {
        await fs.mkdir(path.dirname(finalPath), { recursive: true });
        // Same content already stored: keep the existing copy (files are immutable).
        if (await this.exists(sha256)) await fs.rm(tmpPath, { force: true });
        else await fs.rename(tmpPath, finalPath);
      },
      discard: () => fs.rm(tmpPath, { force: true }),
    };
  }

  open(sha256: string): Readable {
    return createReadStream(this.localPath(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.localPath(sha256), { force: true });
  }

  async exists(sha256: string): Promise<boolean> {
    return fs.access(this.localPath(sha256)).then(
      () => true,
      () => false,
    );
  }
}

/** A PDF starts with "%PDF-" (some tools put a few bytes before it) and ends with "%%EOF". */
export function sniffPdf(
  blob: Pick<StoredBlob, 'head' | 'tail' | 'sizeBytes'>,
): 'pdf' | 'empty' | 'truncated' | 'other' {
  if (blob.sizeBytes === 0) return 'empty';
  if (!blob.head.includes('%PDF-')) return 'other';
  if (!blob.tail.includes('%%EOF')) return 'truncated';
  return 'pdf';
}
