// The demo's reviewer and judge pools, each person with their own expertise, employer and
// availability, so the editor's suggestions rank people differently and two of them show a
// conflict: Jamal Judge works where one of last year's entrants works (Leeds City Council), and
// Josie Judge where Ben Author does (the Open University).
import type { Database } from '@gaps/db';

interface PoolEntry {
  email: string;
  venues: Array<'jswp' | 'clare-winnicott-awards'>;
  expertise: string[];
  employer: string;
  orcid?: string;
  availability?: string;
  /** Days from the seed: "not before" a date. */
  availableInDays?: number;
  declaredConflicts?: string[];
}

const demoPool: PoolEntry[] = [
  {
    email: 'reviewer1@example.org',
    venues: ['jswp'],
    expertise: ['child protection', 'relationship-based practice', 'family support', 'curiosity'],
    employer: 'University of Bristol',
    orcid: '0000-0002-1825-0097',
    availability: 'Up to three reviews a year',
  },
  {
    email: 'reviewer2@example.org',
    venues: ['jswp', 'clare-winnicott-awards'],
    expertise: ['psychodynamic practice', 'reflective supervision', 'containment', 'austerity'],
    employer: 'Tavistock and Portman NHS Foundation Trust',
    declaredConflicts: ['Camden and Islington NHS Foundation Trust'],
  },
  {
    email: 'judge1@example.org',
    venues: ['clare-winnicott-awards'],
    expertise: ['reflective practice', 'social work education', 'student placements'],
    employer: 'University of Sussex',
  },
  {
    email: 'judge2@example.org',
    venues: ['clare-winnicott-awards'],
    expertise: ['home visits', 'child protection', 'relationship-based practice'],
    employer: 'Leeds City Council',
    availability: 'Weekends only',
  },
  {
    email: 'judge3@example.org',
    venues: ['clare-winnicott-awards', 'jswp'],
    expertise: ['psychodynamic theory', 'Winnicott', 'reflective practice', 'adult social care'],
    employer: 'The Open University',
    availability: 'Not before March: on research leave',
    availableInDays: 90,
  },
];

export async function seedDemoPool(db: Database, venueIds: Record<string, string>, now: Date): Promise<void> {
  for (const entry of demoPool) {
    const person = await db
      .selectFrom('person')
      .select('id')
      .where('email', '=', entry.email)
      .executeTakeFirstOrThrow();
    for (const slug of entry.venues) {
      await db
        .insertInto('reviewer_pool')
        .values({
          venue_id: venueIds[slug]!,
          person_id: person.id,
          expertise: entry.expertise,
          employer: entry.employer,
          orcid: entry.orcid ?? null,
          availability: entry.availability ?? null,
          available_from: entry.availableInDays ? new Date(now.getTime() + entry.availableInDays * 86_400_000) : null,
          declared_conflicts: entry.declaredConflicts ?? [],
        })
        .execute();
    }
  }
}
