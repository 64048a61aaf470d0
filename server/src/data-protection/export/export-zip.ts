// Writes an export ZIP to disk as it goes (fflate's streaming Zip): the manuscripts are piped in
// chunk by chunk and never held whole in memory, the file is hashed on the way out, and it appears
// under its final name only once complete.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface WrittenZip {
  bytes: number;
  sha256: string;
}

export class ExportZipWriter {
  private readonly out;
  private readonly hash = createHash('sha256');
  private readonly zip: Zip;
  private bytes = 0;
  private failure: Error | null = null;
  private drained: Promise<void> = Promise.resolve();
  private readonly finished: Promise<void>;
  private readonly partPath: string;
  private readonly finalPath: string;

  constructor(finalPath: string) {
    this.finalPath = finalPath;
    this.partPath = `${finalPath}.part`;
    this.out = createWriteStream(this.partPath, { flags: 'w', mode: 0o600 });
    let closed: () => void;
    let broke: (error: Error) => void;
    this.finished = new Promise<void>((resolve, reject) => {
      closed = resolve;
      broke = reject;
    });
    this.out.on('error', (error) => {
      this.failure = error;
      broke(error);
    });
    this.out.on('close', () => closed());
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failure = error;
        broke(error);
        return;
      }
      this.hash.update(chunk);
      this.bytes += chunk.length;
      // Backpressure: the next chunk waits until the disk has caught up.
      if (!this.out.write(chunk)) this.drained = new Promise((resolve) => this.out.once('drain', resolve));
      if (final) this.out.end();
    });
  }

  /** A text file (JSON, the README), compressed. */
  async addText(name: string, text: string): Promise<void> {
    this.check();
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    entry.push(new TextEncoder().encode(text), true);
    await this.drained;
  }

  /** A file as stored (PDFs are compressed already), streamed in. */
  async addStream(name: string, stream: Readable): Promise<number> {
    this.check();
    const entry = new ZipPassThrough(name);
    this.zip.add(entry);
    let size = 0;
    for await (const chunk of stream) {
      this.check();
      const bytes = chunk instanceof Uint8Array ? chunk : Buffer.from(chunk);
      size += bytes.length;
      entry.push(bytes, false);
      await this.drained;
    }
    entry.push(new Uint8Array(0), true);
    await this.drained;
    return size;
  }

  /** Ends the ZIP and moves it to its final name. */
  async finish(): Promise<WrittenZip> {
    this.check();
    this.zip.end();
    await this.finished;
    this.check();
    await rename(this.partPath, this.finalPath);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** After a failure: nothing half-written is left behind. */
  async discard(): Promise<void> {
    this.zip.terminate();
    if (!this.out.closed) {
      this.out.destroy();
      await this.finished.catch(() => {});
    }
    await rm(this.partPath, { force: true });
  }

  private check() {
    if (this.failure) throw this.failure;
  }
}
