// The shapes the API answers with (docs/api.md). Kept by hand: the contract is small and
// reading it here is easier than generating it from the OpenAPI description.

export type VenueKind = 'journal' | 'award' | 'website' | (string & {});

export interface Venue {
  id: string;
  slug: string;
  name: string;
  kind: VenueKind;
}

/** The signed-in person, as GET /api/session describes them. */
export interface Person {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  isAdmin: boolean;
  editorOf: Venue[];
  timeZone: string;
}

export interface Profile {
  id: string;
  email: string;
  name: string;
  affiliation: string | null;
  orcid: string | null;
  timeZone: string;
  emailDomains: string[];
  emailVerified: boolean;
  createdAt: string;
}

export type ProfileChanges = Partial<Pick<Profile, 'name' | 'affiliation' | 'orcid' | 'timeZone' | 'emailDomains'>>;

export interface Message {
  message: string;
}

export interface SessionAnswer {
  person: Person | null;
  csrfToken: string;
}

/** A person as the admin's people list shows them; `editorOf` holds venue ids. */
export interface ListedPerson {
  id: string;
  email: string;
  name: string;
  affiliation: string | null;
  emailVerified: boolean;
  createdAt: string;
  isAdmin: boolean;
  editorOf: string[];
}

export interface Roles {
  isAdmin: boolean;
  editorOf: string[];
}

export interface AuditEvent {
  id: number | string;
  occurredAt: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

export interface AuditFilter {
  action?: string;
  objectType?: string;
  objectId?: string;
  actor?: string;
}

export interface MailMessageSummary {
  id: string;
  to: string;
  template: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface MailMessage extends MailMessageSummary {
  text: string;
}

export interface Reviewer {
  personId: string;
  name: string;
  email: string;
  affiliation: string | null;
  expertise: string[];
  active: boolean;
}

export interface ReviewerPool {
  venue: Venue;
  reviewers: Reviewer[];
}

/** One page of a list that continues after `nextCursor` (null when there is no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
