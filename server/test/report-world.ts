// Planted data for the reports' tests, straight into the tables with known dates (12:00 UTC, so no
// day or month boundary in Europe/London is near). The figures each test expects are worked out
// from these rows by hand; change a row and the comments in reports.test.ts must change with it.
import type { Database, DB } from '@gaps/db';
import type { Insertable } from 'kysely';
import { makePerson } from './build-test-app.ts';

const at = (day: string) => new Date(`${day}T12:00:00Z`);
let counter = 0;

async function person(db: Database, name: string) {
  const made = await makePerson(db, 'author', `${name.toLowerCase().replaceAll(' ', '.')}.${++counter}@example.org`);
  await db.updateTable('person').set({ name }).where('id', '=', made.id).execute();
  return { ...made, name };
}

interface SubmissionSpec {
  callId: string;
  submittedAt: string;
  status: string;
  round?: number;
  coAuthorId?: string;
}

async function submission(
  db: Database,
  venueId: string,
  submitter: { id: string; name: string; email: string },
  spec: SubmissionSpec,
) {
  counter += 1;
  const title = `Planted paper number ${counter} about supervision`;
  const code = `RPT-2027-${String(counter).padStart(4, '0')}`;
  const row = await db
    .insertInto('submission')
    .values({
      venue_id: venueId,
      call_id: spec.callId,
      submitter_id: submitter.id,
      status: spec.status,
      round: spec.round ?? 1,
      title,
      code,
      code_year: 2027,
      code_number: counter,
      submitted_at: at(spec.submittedAt),
      updated_at: at('2027-05-01'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('submission_author')
    .values([
      {
        submission_id: row.id,
        person_id: submitter.id,
        name: submitter.name,
        email: submitter.email,
        position: 1,
        is_corresponding: true,
      },
      ...(spec.coAuthorId
        ? [
            {
              submission_id: row.id,
              person_id: spec.coAuthorId,
              name: 'Co Author',
              email: 'co.author@example.org',
              position: 2,
              is_corresponding: false,
            },
          ]
        : []),
    ])
    .execute();
  return { id: row.id, title, code };
}

async function decision(
  db: Database,
  submissionId: string,
  outcome: string,
  day: string,
  extra: { round?: number; rescinded?: string } = {},
) {
  await db
    .insertInto('decision')
    .values({
      submission_id: submissionId,
      round: extra.round ?? 1,
      outcome,
      decided_at: at(day),
      rescinded_at: extra.rescinded ? at(extra.rescinded) : null,
      rescind_reason: extra.rescinded ? 'Sent by mistake' : null,
    })
    .execute();
}

interface AssignmentSpec {
  submissionId: string;
  reviewerId: string;
  number: number;
  status: string;
  invited: string;
  responded?: string;
  submitted?: string;
  due?: string;
  expired?: string;
}

async function assignment(db: Database, spec: AssignmentSpec) {
  await db
    .insertInto('assignment')
    .values({
      submission_id: spec.submissionId,
      reviewer_id: spec.reviewerId,
      reviewer_number: spec.number,
      round: 1,
      status: spec.status,
      invited_at: at(spec.invited),
      responded_at: spec.responded ? at(spec.responded) : null,
      submitted_at: spec.submitted ? at(spec.submitted) : null,
      due_at: spec.due ? at(spec.due) : null,
      expired_at: spec.expired ? at(spec.expired) : null,
    })
    .execute();
}

export interface Planted {
  calls: { rolling: string; special: string };
  authorEmail: string;
  reviewerEmails: string[];
  /** Every name, address, id, code and title a report must never show. */
  identities: string[];
}

/**
 * S1–S7 in two calls of a journal, with decisions and reviewers. `editorId` is made a co-author of
 * S4, the submission whose review is overdue.
 */
export async function plantJournal(
  db: Database,
  venueId: string,
  editorId: string,
  calls: { rolling: string; special: string },
): Promise<Planted> {
  const author = await person(db, 'Amelia Plantedauthor');
  const reviewers = await Promise.all(
    ['Rhiannon Firstreviewer', 'Roderick Secondreviewer', 'Rosalind Thirdreviewer'].map((name) => person(db, name)),
  );
  const [r1, r2, r3] = reviewers as [
    (typeof reviewers)[number],
    (typeof reviewers)[number],
    (typeof reviewers)[number],
  ];
  const sub = (spec: SubmissionSpec) => submission(db, venueId, author, spec);
  const s1 = await sub({ callId: calls.rolling, submittedAt: '2027-01-10', status: 'decided', round: 2 });
  const s2 = await sub({ callId: calls.rolling, submittedAt: '2027-01-20', status: 'decided' });
  const s3 = await sub({ callId: calls.rolling, submittedAt: '2027-02-05', status: 'desk_rejected' });
  const s4 = await sub({ callId: calls.special, submittedAt: '2027-02-10', status: 'in_review', coAuthorId: editorId });
  const s5 = await sub({ callId: calls.special, submittedAt: '2027-03-01', status: 'submitted' });
  const s6 = await sub({ callId: calls.special, submittedAt: '2027-03-15', status: 'desk_rejected' });
  const s7 = await sub({ callId: calls.rolling, submittedAt: '2027-04-01', status: 'revision_requested' });
  await sub({ callId: calls.rolling, submittedAt: '2027-04-02', status: 'draft' }).then((draft) =>
    db.updateTable('submission').set({ submitted_at: null }).where('id', '=', draft.id).execute(),
  );

  await decision(db, s1.id, 'major_revision', '2027-01-30'); // first decision after 20 days
  await decision(db, s1.id, 'accept', '2027-03-11', { round: 2 });
  await decision(db, s2.id, 'accept', '2027-02-05', { rescinded: '2027-02-06' }); // ignored
  await decision(db, s2.id, 'reject', '2027-02-19'); // 30 days
  // S3: rejected without review before decisions were recorded: dated by the message to the author (2 days).
  await db
    .insertInto('editor_message')
    .values({ submission_id: s3.id, kind: 'desk_rejected', message: 'Out of scope.', sent_at: at('2027-02-07') })
    .execute();
  await decision(db, s6.id, 'desk_reject', '2027-03-25'); // 10 days, with its message too
  await db
    .insertInto('editor_message')
    .values({ submission_id: s6.id, kind: 'desk_rejected', message: 'Out of scope.', sent_at: at('2027-03-25') })
    .execute();
  await decision(db, s7.id, 'minor_revision', '2027-04-21'); // 20 days

  // Answers: 2, 1, 4, 8, 3, 10 days. Completions: 10 and 6 days.
  await assignment(db, {
    submissionId: s1.id,
    reviewerId: r1.id,
    number: 1,
    status: 'submitted',
    invited: '2027-01-11',
    responded: '2027-01-13',
    submitted: '2027-01-23',
    due: '2027-02-10',
  });
  await assignment(db, {
    submissionId: s2.id,
    reviewerId: r2.id,
    number: 1,
    status: 'declined',
    invited: '2027-01-21',
    responded: '2027-01-22',
  });
  await assignment(db, {
    submissionId: s4.id,
    reviewerId: r1.id,
    number: 1,
    status: 'accepted',
    invited: '2027-02-11',
    responded: '2027-02-15',
    due: '2027-03-15',
  }); // A3: overdue
  await assignment(db, {
    submissionId: s4.id,
    reviewerId: r2.id,
    number: 2,
    status: 'submitted',
    invited: '2027-02-11',
    responded: '2027-02-19',
    submitted: '2027-02-25',
    due: '2027-03-15',
  });
  await assignment(db, {
    submissionId: s4.id,
    reviewerId: r3.id,
    number: 3,
    status: 'expired',
    invited: '2027-02-12',
    expired: '2027-02-26',
  });
  // A6: past due, but its submission is decided, so not overdue.
  await assignment(db, {
    submissionId: s2.id,
    reviewerId: r3.id,
    number: 2,
    status: 'accepted',
    invited: '2027-01-21',
    responded: '2027-01-24',
    due: '2027-02-01',
  });
  const late = await person(db, 'Lancelot Latecomer');
  await assignment(db, {
    submissionId: s4.id,
    reviewerId: late.id,
    number: 4,
    status: 'accepted',
    invited: '2027-06-01',
    responded: '2027-06-11',
    due: '2027-07-01',
  });

  const all = [author, ...reviewers, late];
  const submissions = [s1, s2, s3, s4, s5, s6, s7];
  return {
    calls,
    authorEmail: author.email,
    reviewerEmails: reviewers.map((r) => r.email),
    identities: [
      ...all.flatMap((p) => [p.id, p.email, p.name]),
      ...submissions.flatMap((s) => [s.id, s.code, s.title]),
      'Co Author',
      'co.author@example.org',
    ],
  };
}

/** Five entries to an award call: four results announced (winner, commended, shortlisted, not placed), one not yet. */
export async function plantAward(db: Database, venueId: string, callId: string) {
  const entrant = await person(db, 'Edmund Plantedentrant');
  const outcomes = ['winner', 'commended', 'shortlisted', 'not_placed', 'not_placed'];
  for (const [index, outcome] of outcomes.entries()) {
    const entry = await submission(db, venueId, entrant, { callId, submittedAt: '2027-06-01', status: 'in_review' });
    await db
      .insertInto('award_result')
      .values({
        call_id: callId,
        submission_id: entry.id,
        outcome,
        rank: index + 1,
        announced_at: index < 4 ? at('2027-06-10') : null,
      })
      .execute();
  }
}

/**
 * The edges of "overdue": a submission in its second round of review with an old round's accepted
 * assignment past due (not overdue: that round is over), a paused one past due (overdue: a pause
 * stops reminders, not lateness), an invitation past its due date (not overdue: nothing agreed),
 * and one past due on a withdrawn submission (not overdue).
 */
export async function plantOverdueEdges(db: Database, venueId: string, callId: string) {
  const author = await person(db, 'Olive Edgeauthor');
  const reviewer = await person(db, 'Oscar Edgereviewer');
  const other = await person(db, 'Orla Edgereviewer');
  const second = await submission(db, venueId, author, {
    callId,
    submittedAt: '2027-01-05',
    status: 'in_review',
    round: 2,
  });
  const withdrawn = await submission(db, venueId, author, { callId, submittedAt: '2027-01-06', status: 'withdrawn' });
  const insert = (
    values: Pick<Insertable<DB['assignment']>, 'submission_id' | 'reviewer_id' | 'status'> &
      Partial<Insertable<DB['assignment']>>,
  ) =>
    db
      .insertInto('assignment')
      .values({
        reviewer_number: 1,
        round: 1,
        invited_at: at('2027-01-07'),
        due_at: at('2027-02-01'),
        ...values,
      } as never)
      .execute();
  await insert({
    submission_id: second.id,
    reviewer_id: reviewer.id,
    status: 'accepted',
    responded_at: at('2027-01-08'),
  });
  await insert({
    submission_id: second.id,
    reviewer_id: reviewer.id,
    reviewer_number: 1,
    round: 2,
    status: 'accepted',
    responded_at: at('2027-03-02'),
    due_at: at('2027-04-01'),
    reminders_paused_from: at('2027-03-20'),
    reminders_paused_until: at('2027-12-01'),
  });
  await insert({
    submission_id: second.id,
    reviewer_id: other.id,
    reviewer_number: 2,
    round: 2,
    status: 'invited',
    due_at: at('2027-04-01'),
  });
  await insert({
    submission_id: withdrawn.id,
    reviewer_id: other.id,
    status: 'accepted',
    responded_at: at('2027-01-08'),
  });
}
