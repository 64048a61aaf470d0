// A sweep in its own process, for the test that kills one mid-batch (reminders/sweep-safety.test.ts):
//   node server/test/sweep-child.ts DATABASE_URL NOW BATCH_SIZE
// Once its second batch has written (not committed), it says "batch open" and waits to be killed.
import process from 'node:process';
import { createDatabase } from '@gaps/db';
import { runSweep } from '../src/reminders/sweep.ts';

const [url, now, batchSize] = process.argv.slice(2);
const db = createDatabase(url!, { max: 2 });
let batches = 0;
await runSweep(db, {
  now: new Date(now!),
  publicUrl: 'http://localhost:3000',
  batchSize: Number(batchSize),
  async beforeCommit() {
    batches += 1;
    if (batches < 2) return;
    process.stdout.write('batch open\n');
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  },
});
process.stdout.write('finished\n');
await db.destroy();
