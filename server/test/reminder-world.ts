// Assignments with whole lives for the reminder tests: each one a plan timeline (the input of
// `npm run -s reminders -- plan`) and the same life in the database, its events applied at their
// time through the real services (answering, submitting the review, moving the due date,
// withdrawal, a decision). Setup is batch inserts; the events go through the services.
import { randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { grantRole } from '../src/accounts/person.repository.ts';
import { cancelOpenAssignments, changeDueDate } from '../src/assignments/assignment-editor.ts';
import { acceptInvitation, declineInvitation } from '../src/assignments/invitation.service.ts';
import type { AssignmentTimeline } from '../src/reminders/plan.ts';
import { saveReview, submitReview } from '../src/reviews/review.service.ts';
import { withdrawSubmission } from '../src/submissions/submission.service.ts';
import { moveSubmission } from '../src/submissions/submission-state.ts';
import { makeCall } from './factories.ts';

export const PUBLIC_URL = 'http://localhost:3000';
const noAudit = { actorId: null, ip: null, requestId: null };

/** A timeline plus the reviewer's details the database needs. */
export interface WorldAssignment extends AssignmentTimeline {
  /** The submission closes by withdrawal or by a decision (plan: submissionClosedAt). */
  closedBy?: 'withdrawn' | 'decided';
  /** 'contact': the venue with a shared address; 'editors': the one whose editors read. */
  venue?: 'contact' | 'editors';
}

export interface World {
  /** Timeline id → assignment id in the database. */
  ids: Map<string, string>;
  submissionOf: Map<string, string>;
  reviewerEmail: Map<string, string>;
  editors: Array<{ email: string; timeZone: string }>;
  contactEmail: string;
  venueIds: { contact: string; editors: string };
}

/** Venues, calls, editors, one submission and one reviewer per assignment; all in a few inserts. */
export async function seedWorld(
  db: Database,
  assignments: WorldAssignment[],
  prefixes = { contact: randomPrefix(), editors: randomPrefix() },
): Promise<World> {
  const suffix = randomUUID().slice(0, 6);
  const contactEmail = `editors-${suffix}@venue.example`;
  const venues = await db
    .insertInto('venue')
    .values([
      {
        slug: `contact-${suffix}`,
        name: 'Journal With Address',
        kind: 'journal',
        code_prefix: prefixes.contact,
        contact_email: contactEmail,
      },
      { slug: `editors-${suffix}`, name: 'Essay Award', kind: 'award', code_prefix: prefixes.editors },
    ])
    .returning('id')
    .execute();
  const venueIds = { contact: venues[0]!.id, editors: venues[1]!.id };
  const calls = {
    contact: await makeCall(db, venueIds.contact, { timeZone: 'America/Toronto' }),
    editors: await makeCall(db, venueIds.editors, { timeZone: 'Europe/London' }),
  };
  const editors = [
    { email: `ed.tokyo-${suffix}@example.org`, timeZone: 'Asia/Tokyo' },
    { email: `ed.la-${suffix}@example.org`, timeZone: 'America/Los_Angeles' },
  ];
  for (const editor of editors) {
    const { id } = await db
      .insertInto('person')
      .values({ email: editor.email, name: 'An Editor', time_zone: editor.timeZone, email_verified_at: new Date(0) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await grantRole(db, id, 'editor', venueIds.editors);
    await grantRole(db, id, 'editor', venueIds.contact);
  }
  const { id: submitter } = await db
    .insertInto('person')
    .values({ email: `author-${suffix}@example.org`, name: 'An Author', email_verified_at: new Date(0) })
    .returning('id')
    .executeTakeFirstOrThrow();

  const people = await db
    .insertInto('person')
    .values(
      assignments.map((a) => ({
        email: `reviewer-${a.id}-${suffix}@example.org`,
        name: `Reviewer ${a.id}`,
        time_zone: a.timeZone,
        email_verified_at: new Date(0),
      })),
    )
    .returning(['id', 'email'])
    .execute();
  const submissions = await db
    .insertInto('submission')
    .values(
      assignments.map((a, i) => {
        const venue = a.venue ?? 'editors';
        return {
          call_id: calls[venue],
          venue_id: venueIds[venue],
          submitter_id: submitter,
          status: 'in_review',
          title: `A paper about practice ${i}`,
          code: `${prefixes[venue]}-${String(i + 1).padStart(3, '0')}`,
          code_number: i + 1,
          code_year: 2031,
          submitted_at: new Date(a.invitedAt.getTime() - 86_400_000),
        };
      }),
    )
    .returning('id')
    .execute();
  const rows = await db
    .insertInto('assignment')
    .values(
      assignments.map((a, i) => ({
        submission_id: submissions[i]!.id,
        reviewer_id: people[i]!.id,
        round: 1,
        reviewer_number: 1,
        status: 'invited',
        invited_at: a.invitedAt,
        invitation_expires_at: a.invitationExpiresAt ?? null,
        due_at: a.dueAt,
        reminders_paused_from: a.pausedFrom ?? null,
        reminders_paused_until: a.pausedUntil ?? null,
      })),
    )
    .returning('id')
    .execute();
  const world: World = {
    ids: new Map(),
    submissionOf: new Map(),
    reviewerEmail: new Map(),
    editors,
    contactEmail,
    venueIds,
  };
  assignments.forEach((a, i) => {
    world.ids.set(a.id, rows[i]!.id);
    world.submissionOf.set(a.id, submissions[i]!.id);
    world.reviewerEmail.set(a.id, people[i]!.email);
  });
  return world;
}

const randomPrefix = () =>
  Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');

export interface WorldEvent {
  at: Date;
  assignment: string;
  apply: (db: Database, world: World) => Promise<void>;
}

/** Every event of every timeline, by time, as calls to the real services. */
export function eventsOf(assignments: WorldAssignment[]): WorldEvent[] {
  const events: WorldEvent[] = [];
  for (const a of assignments) {
    const key = { assignmentId: '' };
    const id = (world: World) => world.ids.get(a.id)!;
    const ctx = (db: Database, now: Date) => ({ db, audit: noAudit, now, publicUrl: PUBLIC_URL });
    if (a.acceptedAt) {
      events.push({
        at: a.acceptedAt,
        assignment: a.id,
        apply: (db, world) =>
          acceptInvitation(ctx(db, a.acceptedAt!), { ...key, assignmentId: id(world) }).then(() => {}),
      });
    }
    if (a.declinedAt) {
      events.push({
        at: a.declinedAt,
        assignment: a.id,
        apply: (db, world) =>
          declineInvitation(ctx(db, a.declinedAt!), { assignmentId: id(world) }, { reason: 'Away' }),
      });
    }
    for (const [when, due] of a.dueAtChanges ?? []) {
      events.push({ at: when, assignment: a.id, apply: (db, world) => changeDueDate(ctx(db, when), id(world), due) });
    }
    if (a.submittedAt) {
      const at = a.submittedAt;
      events.push({
        at,
        assignment: a.id,
        apply: async (db, world) => {
          const row = await db
            .selectFrom('assignment')
            .select(['id', 'submission_id', 'reviewer_id', 'status', 'round', 'reviewer_number'])
            .where('id', '=', id(world))
            .executeTakeFirstOrThrow();
          const assignment = {
            id: row.id,
            submissionId: row.submission_id,
            reviewerId: row.reviewer_id,
            status: row.status as 'accepted',
            round: row.round,
            reviewerNumber: row.reviewer_number,
          };
          await saveReview(ctx(db, at), assignment, {
            commentsToAuthor: 'A careful, kind paper.',
            // The journal asks for a recommendation; the award does not.
            ...(a.venue === 'contact' ? { recommendation: 'accept' as const } : {}),
          });
          await submitReview(ctx(db, at), assignment);
        },
      });
    }
    if (a.submissionClosedAt && a.closedBy) {
      const at = a.submissionClosedAt;
      events.push({
        at,
        assignment: a.id,
        apply: async (db, world) => {
          const submissionId = world.submissionOf.get(a.id)!;
          if (a.closedBy === 'withdrawn') {
            const viewer = { personId: null } as never;
            await withdrawSubmission({ ...ctx(db, at), viewer }, submissionId);
          } else {
            // As issue 12's decision will: the submission is decided and its open assignments end.
            await db.transaction().execute(async (trx) => {
              await moveSubmission(trx, noAudit, { submissionId, to: 'decided', mover: 'editor' });
              await cancelOpenAssignments(trx, noAudit, submissionId, 'decided', at);
            });
          }
        },
      });
    }
  }
  return events.sort((x, y) => x.at.getTime() - y.at.getTime());
}

/** Applies (and removes from `events`) every event due by `now`. */
export async function applyEventsUntil(db: Database, world: World, events: WorldEvent[], now: Date) {
  while (events[0] && events[0].at <= now) await events.shift()!.apply(db, world);
}

/** The reminders written, as the plan command prints them (timeline ids, sweep times). */
export async function remindersWritten(db: Database, world: World) {
  const byId = new Map([...world.ids].map(([timeline, id]) => [id, timeline]));
  const rows = await db
    .selectFrom('reminder_sent')
    .select(['assignment_id', 'reason', 'sequence', 'sent_at'])
    .where('reason', '<>', 'manual')
    .execute();
  return rows
    .filter((r) => byId.has(r.assignment_id))
    .map((r) => ({
      assignment: byId.get(r.assignment_id)!,
      kind: r.reason,
      occurrence: r.sequence,
      at: r.sent_at.toISOString(),
    }))
    .sort(
      (x, y) => x.at.localeCompare(y.at) || x.assignment.localeCompare(y.assignment) || x.kind.localeCompare(y.kind),
    );
}

export const sortPlanned = <T extends { at: string; assignment: string; kind: string }>(rows: T[]) =>
  [...rows].sort(
    (x, y) => x.at.localeCompare(y.at) || x.assignment.localeCompare(y.assignment) || x.kind.localeCompare(y.kind),
  );

export async function countReminders(db: Database): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM reminder_sent`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
