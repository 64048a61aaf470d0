// The award announcement as it leaves the system: written to the outbox in the announcing
// transaction, sent by the real mail worker over SMTP to a server in this process. Each entrant
// receives one message about their own entry, naming no other entrant.
import type { RunningWorkers } from '@gaps/workers/start-workers';
import { startSmtpServer, type TestSmtpServer } from '@gaps/workers/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AwardWorld, makeJudgedAwardCall } from '../../test/award-factories.ts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';
import { signedIn } from '../../test/client.ts';
import { startWorkersFor } from '../../test/workers.ts';
import type { AwardRankingView } from '../blinding/project-award-ranking.ts';

let t: TestApp;
let smtp: TestSmtpServer;
let workers: RunningWorkers;
let world: AwardWorld;
beforeAll(async () => {
  t = await buildTestApp();
  world = await makeJudgedAwardCall(t);
  smtp = await startSmtpServer();
  workers = await startWorkersFor(t, { smtpUrl: smtp.url });
});
afterAll(async () => {
  await workers?.stop();
  await smtp?.close();
  await t?.close();
});

describe('the award announcement, delivered', () => {
  it('reaches every entrant with their own outcome and nobody else’s name', async () => {
    const chair = await signedIn(t.app, world.chair.email);
    const base = `/api/calls/${world.callId}`;
    expect((await chair.post(`${base}/award-ranking/lock`, { confirmMissing: true })).statusCode).toBe(200);
    const view: AwardRankingView = (await chair.post(`${base}/award-ranking/unblind`, { confirm: true })).json();
    const winners = view.categories.map((c) => c.entries[0]!);
    for (const w of winners) {
      await chair.post(`${base}/award-results/${w.submissionId}/eligibility`, { eligibility: 'eligible' });
    }
    await chair.put(`${base}/award-results`, {
      outcomes: winners.map((w) => ({ submissionId: w.submissionId, outcome: 'winner' })),
    });
    expect((await chair.post(`${base}/award-announcement`, { confirm: true })).statusCode).toBe(200);

    const everyone = Object.values(world.entries);
    await vi.waitFor(
      () => {
        if (smtp.received.length < everyone.length) throw new Error(`${smtp.received.length} delivered so far`);
      },
      { timeout: 90_000, interval: 200 },
    );
    for (const entry of everyone) {
      const mails = smtp.received.filter((m) => m.envelopeTo.includes(entry.entrant.email));
      expect(mails, entry.code).toHaveLength(1);
      const mail = mails[0]!;
      const won = winners.some((w) => w.submissionId === entry.id);
      expect(mail.headers.get('subject')).toContain(won ? 'has won' : 'The results of');
      expect(mail.body).toContain(entry.code);
      for (const other of everyone.filter((e) => e !== entry)) {
        expect(mail.body).not.toContain(other.entrant.name);
        expect(mail.body).not.toContain(other.entrant.email);
      }
    }
  }, 120_000);
});
