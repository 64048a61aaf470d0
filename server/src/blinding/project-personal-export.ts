// A person's copy of their own data (UK GDPR right of access), as the JSON files of their export
// ZIP. Everything here is about the person and nobody else:
// - co-authors appear by name only, as the submission shows them; a co-author's e-mail, affiliation
//   and ORCID iD stay out, and so does the application form of a submission someone else sent;
// - reviewers (and judges) of the person's own work appear as "Reviewer 1", "Judge 2": their
//   comments to the authors only once a decision letter of that round has been sent, never their
//   names, addresses, recommendations or confidential comments to the editors;
// - in the reviews they wrote, a submission is named by its code and title, never by its authors;
// - in the audit log, someone else's action on their account keeps no one's identity or address.
// The schemas below are the second wall: parsing drops any field a projection did not mean to keep.
import { z } from 'zod';
import type { PersonalRecords } from '../data-protection/export/collect-personal-data.ts';
import { capitalised, venueWords } from '../venues/venue-words.ts';
import { projectAuthorDecision } from './project-decision.ts';

const instant = z.iso.datetime();
const at = (date: Date | null) => date?.toISOString() ?? null;

const profileFile = z.object({
  account: z.object({
    name: z.string(),
    email: z.string(),
    emailConfirmedAt: instant.nullable(),
    affiliation: z.string().nullable(),
    orcid: z.string().nullable(),
    timeZone: z.string(),
    emailDomains: z.array(z.string()),
    createdAt: instant,
    updatedAt: instant,
  }),
  roles: z.array(z.object({ role: z.string(), venue: z.string().nullable(), grantedAt: instant })),
  reviewerPools: z.array(
    z.object({
      venue: z.string(),
      expertise: z.array(z.string()),
      employer: z.string().nullable(),
      emailDomains: z.array(z.string()),
      orcid: z.string().nullable(),
      declaredConflicts: z.array(z.string()),
      availability: z.string().nullable(),
      availableFrom: instant.nullable(),
      active: z.boolean(),
      addedAt: instant,
    }),
  ),
  signIns: z.array(
    z.object({
      startedAt: instant,
      lastSeenAt: instant,
      endsAt: instant,
      ipAddress: z.string().nullable(),
      browser: z.string().nullable(),
    }),
  ),
});

const submissionEntry = z.object({
  reference: z.string(),
  venue: z.string(),
  call: z.string(),
  title: z.string(),
  abstract: z.string(),
  keywords: z.array(z.string()),
  status: z.string(),
  startedAt: instant,
  sentAt: instant.nullable(),
  lastChangedAt: instant,
  youSentIt: z.boolean(),
  authors: z.array(z.object({ position: z.number().int(), name: z.string(), you: z.boolean() })),
  yourAuthorDetails: z
    .object({
      name: z.string(),
      email: z.string(),
      affiliation: z.string().nullable(),
      orcid: z.string().nullable(),
      corresponding: z.boolean(),
      confirmedAt: instant.nullable(),
    })
    .nullable(),
  declarations: z.unknown().nullable(),
  applicationForm: z.object({ answers: z.unknown(), updatedAt: instant }).nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      round: z.number().int(),
      uploadedAt: instant,
      fileNameWhenUploaded: z.string(),
      sizeBytes: z.number().int(),
      wordCount: z.number().int().nullable(),
      pageCount: z.number().int().nullable(),
      /** Where the file is in this ZIP. */
      file: z.string(),
    }),
  ),
  decisions: z.array(z.object({ outcome: z.string(), subject: z.string(), letter: z.string(), sentAt: instant })),
  reviewsOfYourWork: z.array(
    z.object({ reviewer: z.string(), round: z.number().int(), commentsToAuthors: z.string(), sentAt: instant }),
  ),
  revisionResponses: z.array(
    z.object({ round: z.number().int(), text: z.string(), requestedAt: instant, sentAt: instant.nullable() }),
  ),
  awardResult: z.object({ outcome: z.string(), announcedAt: instant }).nullable(),
  production: z.string().nullable(),
});

const reviewWritten = z.object({
  venue: z.string(),
  submission: z.object({ reference: z.string().nullable(), title: z.string() }),
  round: z.number().int(),
  youWere: z.string(),
  status: z.string(),
  invitedAt: instant,
  respondedAt: instant.nullable(),
  dueAt: instant.nullable(),
  declineReason: z.string().nullable(),
  recommendation: z.string().nullable(),
  commentsToAuthors: z.string().nullable(),
  confidentialCommentsToEditors: z.string().nullable(),
  scores: z.array(z.object({ criterion: z.string(), score: z.number(), outOf: z.string() })),
  sentAt: instant.nullable(),
});

const emailEntry = z.object({
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  writtenAt: instant,
  deliveredAt: instant.nullable(),
  text: z.string().nullable(),
  textRemovedAt: instant.nullable(),
});

const activityEntry = z.object({
  at: instant,
  action: z.string(),
  by: z.string(),
  about: z.object({ type: z.string(), id: z.string().nullable() }),
  ipAddress: z.string().nullable(),
  details: z.unknown().nullable(),
});

export const personalExportSchema = z.object({
  profile: profileFile,
  submissions: z.array(submissionEntry),
  reviewsYouWrote: z.array(reviewWritten),
  emailsSentToYou: z.array(emailEntry),
  activity: z.array(activityEntry),
});
export type PersonalExport = z.infer<typeof personalExportSchema>;

/** A manuscript file to copy into the ZIP, at `path`. */
export interface ExportFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/** A submission's name in the ZIP and its files: its code, or "draft-…" before it has one. */
export function submissionReference(submission: { code: string | null; id: string }) {
  return (submission.code ?? `draft-${submission.id.slice(0, 8)}`).replace(/[^A-Za-z0-9-]/g, '-');
}

export function projectPersonalExport(
  records: PersonalRecords,
  now: Date,
): { data: PersonalExport; files: ExportFile[] } {
  const personId = records.person.id;
  const files: ExportFile[] = [];

  const submissions = records.submissions.map((submission) => {
    const reference = submissionReference(submission);
    const words = venueWords(submission.venue_kind);
    const mine = <T extends { submission_id: string }>(rows: readonly T[]) =>
      rows.filter((row) => row.submission_id === submission.id);
    const authors = mine(records.authors);
    const own = authors.find((author) => author.person_id === personId);
    const decisions = mine(records.decisions).flatMap((row) => {
      const told = projectAuthorDecision(row, now);
      return told ? [{ ...told, round: row.round }] : [];
    });
    const toldRounds = new Set(decisions.map((decision) => decision.round));
    const form = mine(records.applicationForms)[0];
    const result = mine(records.awardResults)[0];
    const versions = mine(records.versions).map((version) => {
      const path = `files/${reference}/version-${version.version_number}.pdf`;
      files.push({ path, sha256: version.file_sha256, sizeBytes: version.size_bytes });
      return {
        version: version.version_number,
        round: version.round,
        uploadedAt: version.uploaded_at.toISOString(),
        fileNameWhenUploaded: version.uploaded_name,
        sizeBytes: version.size_bytes,
        wordCount: version.word_count,
        pageCount: version.page_count,
        file: path,
      };
    });
    return {
      reference,
      venue: submission.venue_name,
      call: submission.call_title,
      title: submission.title,
      abstract: submission.abstract,
      keywords: submission.keywords,
      status: submission.status,
      startedAt: submission.created_at.toISOString(),
      sentAt: at(submission.submitted_at),
      lastChangedAt: submission.updated_at.toISOString(),
      youSentIt: submission.submitter_id === personId,
      authors: authors.map((author) => ({
        position: author.position,
        name: author.name,
        you: author.person_id === personId,
      })),
      yourAuthorDetails: own
        ? {
            name: own.name,
            email: own.email,
            affiliation: own.affiliation,
            orcid: own.orcid,
            corresponding: own.is_corresponding,
            confirmedAt: at(own.confirmed_at),
          }
        : null,
      declarations: submission.submitter_id === personId ? submission.declarations : null,
      applicationForm: form ? { answers: form.answers, updatedAt: form.updated_at.toISOString() } : null,
      versions,
      decisions: decisions.map(({ label, subject, letter, sentAt }) => ({ outcome: label, subject, letter, sentAt })),
      // As the decision letters quote them: by number, once the letter of their round went out.
      reviewsOfYourWork: mine(records.reviewsOfTheirWork)
        .filter((review) => toldRounds.has(review.round) && review.comments_to_author.trim() !== '')
        .map((review) => ({
          reviewer: `${capitalised(words.reviewer)} ${review.reviewer_number}`,
          round: review.round,
          commentsToAuthors: review.comments_to_author,
          sentAt: (review.submitted_at ?? now).toISOString(),
        })),
      revisionResponses: mine(records.revisionResponses).map((response) => ({
        round: response.round,
        text: response.text,
        requestedAt: response.requested_at.toISOString(),
        sentAt: at(response.sent_at),
      })),
      awardResult:
        result?.announced_at != null
          ? { outcome: result.outcome.replaceAll('_', ' '), announcedAt: result.announced_at.toISOString() }
          : null,
      production: submission.production_status?.replaceAll('_', ' ') ?? null,
    };
  });

  const reviewsYouWrote = records.reviewsWritten.map((review) => {
    const words = venueWords(review.venue_kind);
    return {
      venue: review.venue_name,
      submission: { reference: review.code, title: review.title },
      round: review.round,
      youWere: `${capitalised(words.reviewer)} ${review.reviewer_number}`,
      status: review.status,
      invitedAt: review.invited_at.toISOString(),
      respondedAt: at(review.responded_at),
      dueAt: at(review.due_at),
      declineReason: review.decline_reason,
      recommendation: review.recommendation,
      commentsToAuthors: review.comments_to_author,
      confidentialCommentsToEditors: review.comments_to_editor,
      scores: records.scores
        .filter((score) => score.review_id === review.review_id)
        .map((score) => ({
          criterion: score.label,
          score: score.score,
          outOf: `${score.min_score} to ${score.max_score}`,
        })),
      sentAt: at(review.submitted_at),
    };
  });

  const data = {
    profile: {
      account: {
        name: records.person.name,
        email: records.person.email,
        emailConfirmedAt: at(records.person.email_verified_at),
        affiliation: records.person.affiliation,
        orcid: records.person.orcid,
        timeZone: records.person.time_zone,
        emailDomains: records.person.email_domains,
        createdAt: records.person.created_at.toISOString(),
        updatedAt: records.person.updated_at.toISOString(),
      },
      roles: records.roles.map((role) => ({
        role: role.role,
        venue: role.venue,
        grantedAt: role.granted_at.toISOString(),
      })),
      reviewerPools: records.reviewerPools.map((pool) => ({
        venue: pool.venue,
        expertise: pool.expertise,
        employer: pool.employer,
        emailDomains: pool.email_domains,
        orcid: pool.orcid,
        declaredConflicts: pool.declared_conflicts,
        availability: pool.availability,
        availableFrom: at(pool.available_from),
        active: pool.active,
        addedAt: pool.added_at.toISOString(),
      })),
      signIns: records.sessions.map((session) => ({
        startedAt: session.created_at.toISOString(),
        lastSeenAt: session.last_seen_at.toISOString(),
        endsAt: session.expires_at.toISOString(),
        ipAddress: session.ip,
        browser: session.user_agent,
      })),
    },
    submissions,
    reviewsYouWrote,
    emailsSentToYou: records.mail.map((message) => ({
      to: message.to_address,
      subject: message.subject,
      kind: message.template,
      status: message.status,
      writtenAt: message.created_at.toISOString(),
      deliveredAt: at(message.delivered_at),
      text: message.body_removed_at ? null : message.text_body,
      textRemovedAt: at(message.body_removed_at),
    })),
    activity: records.audit.map((event) => {
      const byThem = event.actor_id === personId;
      const onThem = event.object_type === 'person' && event.object_id === personId;
      return {
        at: event.occurred_at.toISOString(),
        action: event.action,
        by: byThem ? 'you' : event.system_actor ? 'the system' : event.actor_id ? 'a member of staff' : 'not known',
        // Another person is named by nothing, not even their account's id.
        about: { type: event.object_type, id: event.object_type === 'person' ? null : event.object_id },
        // Someone else's address, and what they did elsewhere (a co-author's e-mail in an
        // invitation, say), is theirs: details only of entries about the account itself.
        ipAddress: byThem ? event.ip : null,
        details: onThem ? event.details : null,
      };
    }),
  };
  return { data: personalExportSchema.parse(data), files };
}
