// Calls: one open invitation to submit within a venue, with its own rules and deadline.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { isAuthorInCall } from '../policy/own-submissions.ts';
import type { CallFacts, Viewer } from '../policy/permissions.ts';
import type { CallDto, CallInput } from './call.schemas.ts';

export type { CallDto };

function callQuery(db: Database, now: Date) {
  return db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select([
      'call.id',
      'call.slug',
      'call.title',
      'call.description',
      'call.opens_at',
      sql<string | null>`to_char(call.deadline_local, 'YYYY-MM-DD"T"HH24:MI')`.as('deadline_local'),
      'call.time_zone',
      'call.deadline_at',
      'call.word_limit',
      'call.page_limit',
      'call.declarations',
      'call.application_form_fields',
      'call.blind_mode',
      'call.single_author',
      'call.rubric_id',
      'call.fee_note',
      'venue.id as venue_id',
      'venue.slug as venue_slug',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'venue.contact_email as venue_contact_email',
    ])
    .select((eb) => [
      eb
        .and([
          eb('call.opens_at', '<=', now),
          eb.or([eb('call.deadline_at', 'is', null), eb('call.deadline_at', '>', now)]),
        ])
        .as('is_open'),
      eb
        .selectFrom('call_category')
        .whereRef('call_category.call_id', '=', 'call.id')
        .select(
          sql<
            CallDto['categories']
          >`coalesce(json_agg(json_build_object('id', id, 'name', name, 'description', description) ORDER BY position), '[]')`.as(
            'c',
          ),
        )
        .as('categories'),
    ]);
}

type CallRow = Awaited<ReturnType<ReturnType<typeof callQuery>['execute']>>[number];

function toDto(row: CallRow): CallDto {
  return {
    id: row.id,
    venue: {
      id: row.venue_id,
      slug: row.venue_slug,
      name: row.venue_name,
      kind: row.venue_kind as CallDto['venue']['kind'],
      contactEmail: row.venue_contact_email,
    },
    slug: row.slug,
    title: row.title,
    description: row.description,
    categories: row.categories ?? [],
    opensAt: row.opens_at.toISOString(),
    deadlineLocal: row.deadline_local,
    timeZone: row.time_zone,
    deadlineAt: row.deadline_at?.toISOString() ?? null,
    isOpen: Boolean(row.is_open),
    wordLimit: row.word_limit,
    pageLimit: row.page_limit,
    declarations: row.declarations as CallDto['declarations'],
    applicationFormFields: row.application_form_fields as CallDto['applicationFormFields'],
    blindMode: row.blind_mode as CallDto['blindMode'],
    singleAuthor: row.single_author,
    rubricId: row.rubric_id,
    feeNote: row.fee_note,
  };
}

export async function listOpenCalls(db: Database, now: Date): Promise<CallDto[]> {
  const rows = await callQuery(db, now)
    .where('call.opens_at', '<=', now)
    .where((eb) => eb.or([eb('call.deadline_at', 'is', null), eb('call.deadline_at', '>', now)]))
    .orderBy('venue.name')
    .orderBy('call.deadline_at')
    .execute();
  return rows.map(toDto);
}

export async function listVenueCalls(db: Database, venueId: string, now: Date): Promise<CallDto[]> {
  const rows = await callQuery(db, now).where('call.venue_id', '=', venueId).orderBy('call.opens_at', 'desc').execute();
  return rows.map(toDto);
}

/** The venue's rubrics, for the call form's rubric choice. */
export async function listVenueRubrics(db: Database, venueId: string): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('rubric').select(['id', 'name']).where('venue_id', '=', venueId).orderBy('name').execute();
}

export async function getCall(db: Database, callId: string, now: Date): Promise<CallDto | null> {
  const row = await callQuery(db, now).where('call.id', '=', callId).executeTakeFirst();
  return row ? toDto(row) : null;
}

/** What the policy needs to decide whether this viewer may read the call (`call.read`). */
export async function callFactsFor(db: Database, call: CallDto, viewer: Viewer | null): Promise<CallFacts> {
  // Only a call that is not open needs the authorship lookup; open ones are public.
  const isAuthor = !call.isOpen && viewer !== null && (await isAuthorInCall(db, call.id, viewer.personId));
  return { venueId: call.venue.id, isOpen: call.isOpen, authorPersonIds: isAuthor ? [viewer.personId] : [] };
}

/** The instant a local wall time means in a zone; refuses times the clocks skip. */
async function deadlineInstant(db: Database, local: string | null, zone: string): Promise<Date | null> {
  if (!local) return null;
  const { instant, roundTrip } = await sql<{ instant: Date; roundTrip: string }>`
    SELECT (${local}::timestamp AT TIME ZONE ${zone}) AS instant,
           to_char((${local}::timestamp AT TIME ZONE ${zone}) AT TIME ZONE ${zone}, 'YYYY-MM-DD"T"HH24:MI') AS "roundTrip"`
    .execute(db)
    .then((r) => r.rows[0]!);
  if (roundTrip !== local.slice(0, 16)) {
    throw new HttpError(
      400,
      'nonexistent_local_time',
      `${local.replace('T', ' ')} does not exist in ${zone} because the clocks go forward then. Please choose another time.`,
    );
  }
  return instant;
}

const isOpenAt = (call: { opensAt: Date; deadlineAt: Date | null }, now: Date) =>
  call.opensAt <= now && (call.deadlineAt === null || now < call.deadlineAt);

/**
 * Closing a call that is open (a deadline moved into the past, an opening moved into the future)
 * closes out every draft in it at once, so it needs the editor's go-ahead, given after being told
 * how many drafts that is. Drafts with an extension that still runs are not closed out.
 */
async function checkClosingIsConfirmed(
  trx: Database,
  callId: string,
  after: { opensAt: Date; deadlineAt: Date | null },
  now: Date,
) {
  const before = await trx
    .selectFrom('call')
    .select(['opens_at', 'deadline_at'])
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirst();
  if (!before || !isOpenAt({ opensAt: before.opens_at, deadlineAt: before.deadline_at }, now)) return;
  if (isOpenAt(after, now)) return;
  const { drafts } = await trx
    .selectFrom('submission')
    .select((eb) => eb.fn.countAll<number>().as('drafts'))
    .where('call_id', '=', callId)
    .where('status', '=', 'draft')
    .where((eb) => eb.or([eb('deadline_extended_to', 'is', null), eb('deadline_extended_to', '<=', now)]))
    .executeTakeFirstOrThrow();
  const count = Number(drafts);
  const closedOut =
    count === 0
      ? 'No drafts are in progress.'
      : `${count} ${count === 1 ? 'draft' : 'drafts'} in progress will be closed out: when their authors open them, they will read that the call has closed and how to ask you for an extension (no e-mail is sent).`;
  throw new HttpError(
    409,
    'call_closes_drafts',
    `Saving this closes the call now, so nobody can start or send a submission to it. ${closedOut} If that is what you want, confirm; otherwise check the dates.`,
  );
}

export async function saveCall(
  db: Database,
  audit: AuditContext,
  target: { venueId: string; callId?: string },
  input: CallInput & { confirmClosingDrafts?: boolean },
  now: Date = new Date(),
): Promise<string> {
  const deadlineAt = await deadlineInstant(db, input.deadlineLocal, input.timeZone);
  // The rule is callInput's (callProblems); this only catches the hour the clocks go back, when one
  // wall time names two instants.
  if (deadlineAt && deadlineAt <= new Date(input.opensAt)) {
    throw new HttpError(400, 'deadline_before_opening', 'The deadline must come after the call opens.');
  }
  return db.transaction().execute(async (trx) => {
    if (input.rubricId) {
      const rubric = await trx
        .selectFrom('rubric')
        .select('id')
        .where('id', '=', input.rubricId)
        .where('venue_id', '=', target.venueId)
        .executeTakeFirst();
      if (!rubric) throw new HttpError(400, 'unknown_rubric', 'That rubric does not belong to this venue.');
    }
    const values = {
      slug: input.slug,
      title: input.title,
      description: input.description,
      opens_at: new Date(input.opensAt),
      deadline_local: input.deadlineLocal ? input.deadlineLocal.replace('T', ' ') : null,
      time_zone: input.timeZone,
      deadline_at: deadlineAt,
      word_limit: input.wordLimit,
      page_limit: input.pageLimit,
      declarations: JSON.stringify(input.declarations),
      application_form_fields: JSON.stringify(input.applicationFormFields),
      blind_mode: input.blindMode,
      single_author: input.singleAuthor,
      rubric_id: input.rubricId,
      fee_note: input.feeNote,
      updated_at: now,
    };
    if (target.callId && !input.confirmClosingDrafts) {
      await checkClosingIsConfirmed(trx, target.callId, { opensAt: values.opens_at, deadlineAt: deadlineAt }, now);
    }
    let callId: string;
    try {
      if (target.callId) {
        const updated = await trx
          .updateTable('call')
          .set(values)
          .where('id', '=', target.callId)
          .where('venue_id', '=', target.venueId)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw notFound('call');
        callId = updated.id;
      } else {
        callId = (
          await trx
            .insertInto('call')
            .values({ ...values, venue_id: target.venueId })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'call_venue_id_slug_key') {
        throw new HttpError(
          409,
          'slug_taken',
          'Another call of this venue already uses that short name. Choose another.',
        );
      }
      throw error;
    }
    await saveCategories(trx, callId, input.categories);
    await recordAudit(trx, audit, {
      action: target.callId ? 'call.updated' : 'call.created',
      objectType: 'call',
      objectId: callId,
      details: { title: input.title, deadlineAt: deadlineAt?.toISOString() ?? null },
    });
    return callId;
  });
}

async function saveCategories(db: Database, callId: string, categories: CallInput['categories']) {
  const existing = await db.selectFrom('call_category').select(['id', 'name']).where('call_id', '=', callId).execute();
  const wanted = new Map(categories.map((c, index) => [c.name.toLowerCase(), { ...c, position: index + 1 }]));
  for (const old of existing) {
    if (wanted.has(old.name.toLowerCase())) continue;
    const used = await db.selectFrom('submission').select('id').where('category_id', '=', old.id).executeTakeFirst();
    if (used) {
      throw new HttpError(
        409,
        'category_in_use',
        `The category "${old.name}" already has submissions, so it cannot be removed.`,
      );
    }
    await db.deleteFrom('call_category').where('id', '=', old.id).execute();
  }
  // Positions are unique per call: park them out of the way before renumbering.
  await db.updateTable('call_category').set({ position: sql`position + 1000` }).where('call_id', '=', callId).execute();
  for (const category of wanted.values()) {
    const match = existing.find((old) => old.name.toLowerCase() === category.name.toLowerCase());
    if (match) {
      await db
        .updateTable('call_category')
        .set({ name: category.name, description: category.description, position: category.position })
        .where('id', '=', match.id)
        .execute();
    } else {
      await db
        .insertInto('call_category')
        .values({
          call_id: callId,
          name: category.name,
          description: category.description,
          position: category.position,
        })
        .execute();
    }
  }
}
