// A few demo submissions in different states, made through the same use cases as real ones,
// so every page has something to show on a fresh start.
import { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { LocalFileStore, systemActor } from '@gaps/workers/shared';
import { uploadManuscript } from '../files/manuscript.service.ts';
import type { Viewer } from '../policy/permissions.ts';
import {
  moveByEditor,
  saveDraft,
  startSubmission,
  submitSubmission,
  withdrawSubmission,
} from '../submissions/submission.service.ts';
import { daysAgo } from './demo-reviewing.ts';
import { simplePdf } from './simple-pdf.ts';

export interface DemoSubmission {
  author: string;
  venue: string;
  category?: string;
  title: string;
  abstract: string;
  keywords: string[];
  pages: string[][];
  endsAs: 'draft' | 'submitted' | 'screening' | 'withdrawn';
  /** The award's application form: what the entrant studies or holds, and where. */
  programme?: string;
  institution?: string;
  /** Submitted this many days before the seed, so a review under way has a believable timeline. */
  submittedDaysAgo?: number;
}

const demoSubmissions: DemoSubmission[] = [
  {
    author: 'author1@example.org',
    venue: 'jswp',
    title: 'Staying curious: relationship-based practice in child protection',
    abstract:
      'Drawing on two years of work with one family, this paper asks how a social worker can stay curious and thoughtful when a family is frightened of the service.',
    keywords: ['child protection', 'relationship-based practice', 'curiosity'],
    pages: [
      [
        'Staying curious: relationship-based practice in child protection',
        '',
        'Amara Author, Camden Children’s Services',
        '',
        'Introduction',
        'When I first met the family...',
      ],
      ['Discussion', 'Curiosity is not a technique but a stance...'],
    ],
    endsAs: 'submitted',
  },
  {
    author: 'author2@example.org',
    venue: 'jswp',
    title: 'Supervision as a container in times of austerity',
    abstract:
      'An exploration of reflective supervision as a psychodynamic container for front-line teams under financial pressure.',
    keywords: ['supervision', 'containment', 'austerity'],
    pages: [['Supervision as a container in times of austerity', '', 'Abstract', 'Reflective supervision offers...']],
    endsAs: 'screening',
  },
  {
    author: 'author2@example.org',
    venue: 'clare-winnicott-awards',
    category: 'Practitioner',
    title: 'What the silence held',
    abstract: 'A reflective essay on sitting with silence in a home visit, and what it taught me about listening.',
    keywords: ['reflective practice', 'home visits'],
    pages: [['What the silence held', '', 'The house was quiet when I arrived...']],
    endsAs: 'submitted',
  },
  {
    author: 'author1@example.org',
    venue: 'clare-winnicott-awards',
    category: 'Student',
    title: 'Learning to stay',
    abstract: '',
    keywords: [],
    pages: [],
    endsAs: 'draft',
  },
  {
    author: 'author1@example.org',
    venue: 'jswp',
    title: 'An early draft I withdrew',
    abstract: 'A first attempt at writing about duty work, withdrawn to be rewritten.',
    keywords: ['duty work'],
    pages: [['An early draft I withdrew']],
    endsAs: 'withdrawn',
  },
  {
    // Sent to review by seed-demo-reviews.ts, with both reviews in.
    author: 'author2@example.org',
    venue: 'jswp',
    title: 'Endings that hold: closing long-term work with families',
    abstract:
      'How social workers and families end long pieces of work together, and what a planned ending can hold for both, drawn from interviews with twelve practitioners.',
    keywords: ['endings', 'relationship-based practice', 'long-term work'],
    pages: [
      ['Endings that hold: closing long-term work with families', '', 'Introduction', 'Every piece of work ends...'],
      ['Discussion', 'A planned ending is itself a piece of work...'],
    ],
    endsAs: 'submitted',
    submittedDaysAgo: 30,
  },
];

// publicUrl: the address the demo receipts link to (the one `npm start` serves on).
export async function seedDemoSubmissions(
  db: Database,
  dataDir: string,
  publicUrl = 'http://localhost:3000',
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const demo of demoSubmissions) ids.set(demo.title, await addDemoSubmission(db, dataDir, demo, { publicUrl }));
  return ids;
}

/**
 * One demo submission, as its author would make it: started, filled in, uploaded, submitted (at
 * `now`, which may be in the past for a call that has closed since). Answers its id.
 */
export async function addDemoSubmission(
  db: Database,
  dataDir: string,
  demo: DemoSubmission,
  options: { publicUrl: string; now?: Date; callSlug?: string },
): Promise<string> {
  const store = new LocalFileStore(dataDir);
  const seed = systemActor('demo_seed', 'demo-seed');
  const person = await db
    .selectFrom('person')
    .select(['id', 'email', 'name'])
    .where('email', '=', demo.author)
    .executeTakeFirstOrThrow();
  const viewer: Viewer = {
    personId: person.id,
    email: person.email,
    name: person.name,
    isAdmin: false,
    editorOfVenueIds: [],
  };
  let callQuery = db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select(['call.id', 'call.declarations', 'call.application_form_fields'])
    .where('venue.slug', '=', demo.venue)
    .orderBy('call.opens_at', 'desc');
  if (options.callSlug) callQuery = callQuery.where('call.slug', '=', options.callSlug);
  const call = await callQuery.executeTakeFirstOrThrow();
  const audit = { actorId: person.id, ip: null, requestId: 'demo-seed' };
  const ctx = {
    db,
    audit,
    viewer,
    now: options.now ?? daysAgo(demo.submittedDaysAgo ?? 0),
    publicUrl: options.publicUrl,
  };
  const { id } = await startSubmission(ctx, call.id);
  const category = demo.category
    ? await db
        .selectFrom('call_category')
        .select('id')
        .where('call_id', '=', call.id)
        .where('name', '=', demo.category)
        .executeTakeFirstOrThrow()
    : null;
  const fields = call.application_form_fields as Array<{ key: string }>;
  await saveDraft(ctx, id, {
    title: demo.title,
    abstract: demo.abstract,
    keywords: demo.keywords,
    ...(category && { categoryId: category.id }),
    ...(demo.endsAs !== 'draft' && {
      declarations: { confirmed: (call.declarations as Array<{ key: string }>).map((d) => d.key), wordCount: 3200 },
      ...(fields.length && {
        applicationForm: {
          full_name: person.name,
          programme_or_qualification: demo.programme ?? 'MA Social Work (qualified 2019)',
          institution: demo.institution ?? 'Open University',
        },
      }),
    }),
    draftStep: demo.endsAs === 'draft' ? 'details' : 'review',
  });
  if (demo.pages.length) {
    const pdf = simplePdf(demo.pages, { title: demo.title, author: person.name });
    await uploadManuscript({ db, store, audit, uploaderId: person.id }, id, async () => ({
      stream: Readable.from(pdf),
      name: `${person.name} - manuscript.pdf`,
      truncated: () => false,
    }));
  }
  if (demo.endsAs === 'draft') return id;
  await submitSubmission(ctx, id);
  if (demo.endsAs === 'withdrawn') await withdrawSubmission(ctx, id);
  // No editor signs in during the seed: the move is the system's, audited as such.
  if (demo.endsAs === 'screening') await moveByEditor({ ...ctx, audit: seed }, id, 'screening');
  return id;
}
