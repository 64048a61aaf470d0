// Socket reads arrive in fresh 64 KB buffers that live outside the JS heap; V8 only collects them
// when the heap is busy or external memory passes ~64 MB, so a 25 MB upload would otherwise grow
// the process by about the file's size. A minor collection every few MB frees the buffers we have
// already written to disk, keeping an upload's footprint to a few MB (see `npm run bench:upload`).
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | null | undefined;
function getGc(): Gc | null {
  if (gc !== undefined) return gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as Gc;
  } catch {
    gc = null;
  }
  return gc;
}

export const RELEASE_EVERY_BYTES = 1024 * 1024;

export function releaseConsumedBuffers(): void {
  getGc()?.({ type: 'minor', execution: 'sync' });
}
