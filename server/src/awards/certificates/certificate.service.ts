// The certificate of an announced winning or commended entry, for its authors and the award's
// editors. Anything else (no result, not announced yet, shortlisted, not placed) has no certificate
// and answers 404 in the very words a missing submission gets (the blindness walk holds every 404
// to that: no answer may tell an existing object from a missing one).
import type { Database } from '@gaps/db';
import { notFound } from '../../plugins/errors.ts';
import { loadAuthors } from '../../submissions/submission.repository.ts';
import { awardYear, isHonoured, loadAnnouncedAward } from '../entrant-award.ts';
import { makeCertificate } from './certificate.ts';

export async function certificateOf(db: Database, submissionId: string): Promise<{ code: string; pdf: Uint8Array }> {
  const award = await loadAnnouncedAward(db, submissionId);
  if (!award || !isHonoured(award.outcome) || !award.code) throw notFound('submission');
  const authors = await loadAuthors(db, submissionId);
  const pdf = await makeCertificate({
    names: authors.map((author) => author.name),
    outcome: award.outcome,
    awardName: award.venue_name,
    categoryName: award.category_name,
    year: awardYear(award),
    title: award.title,
    code: award.code,
  });
  return { code: award.code, pdf };
}
