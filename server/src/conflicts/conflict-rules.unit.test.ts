import { describe, expect, it } from 'vitest';
import {
  authorRule,
  coAuthoredRule,
  declaredByAuthorRule,
  declaredByReviewerRule,
  type PartyFacts,
  type ReviewerFacts,
  sameAffiliationRule,
  sameEmailDomainRule,
} from './conflict-rules.ts';

const author = (overrides: Partial<PartyFacts> = {}): PartyFacts => ({
  personId: 'author-1',
  name: 'Aoife Ní Bhriain',
  emails: ['aoife@essex.ac.uk'],
  domains: [],
  affiliations: ['University of Essex'],
  ...overrides,
});
const reviewer = (overrides: Partial<ReviewerFacts> = {}): ReviewerFacts => ({
  personId: 'reviewer-1',
  name: 'Ravi Reviewer',
  emails: ['ravi@kent.ac.uk'],
  domains: [],
  affiliations: ['University of Kent'],
  declared: [],
  ...overrides,
});

describe('the conflict rules', () => {
  it('finds nothing between strangers', () => {
    const authors = [author()];
    expect(authorRule(reviewer(), authors)).toEqual([]);
    expect(sameEmailDomainRule(reviewer(), authors)).toEqual([]);
    expect(sameAffiliationRule(reviewer(), authors)).toEqual([]);
    expect(declaredByReviewerRule(reviewer(), authors)).toEqual([]);
    expect(coAuthoredRule(reviewer(), authors, [])).toEqual([]);
  });

  it('knows an author by account or by address', () => {
    expect(authorRule(reviewer({ personId: 'author-1' }), [author()])).toHaveLength(1);
    expect(authorRule(reviewer({ emails: ['aoife@essex.ac.uk'] }), [author({ personId: null })])).toHaveLength(1);
  });

  it('counts a shared institutional domain, subdomains included, but not a public one', () => {
    expect(sameEmailDomainRule(reviewer({ emails: ['r@socialwork.essex.ac.uk'] }), [author()])).toEqual([
      'Same e-mail domain as Aoife Ní Bhriain: essex.ac.uk',
    ]);
    expect(sameEmailDomainRule(reviewer({ domains: ['essex.ac.uk'] }), [author()])).toHaveLength(1);
    const publicAuthors = [author({ emails: ['aoife@gmail.com'] }), author({ emails: ['aoife.b@nhs.net'] })];
    expect(sameEmailDomainRule(reviewer({ emails: ['r@gmail.com', 'r@nhs.net'] }), publicAuthors)).toEqual([]);
  });

  it('counts the same organisation however it is spelled', () => {
    expect(sameAffiliationRule(reviewer({ affiliations: ['Dept. of Sociology, Univ. of Essex'] }), [author()])).toEqual(
      ['Same affiliation or employer as Aoife Ní Bhriain: Dept. of Sociology, Univ. of Essex'],
    );
    expect(sameAffiliationRule(reviewer({ affiliations: ['Essex County Council'] }), [author()])).toEqual([]);
  });

  it('reads declared conflicts as names, addresses, domains or organisations', () => {
    const authors = [author({ affiliations: ['Essex County Council'] })];
    for (const declared of ['aoife ni bhriain', 'AOIFE@essex.ac.uk', '@essex.ac.uk', 'essex county council']) {
      expect(declaredByReviewerRule(reviewer({ declared: [declared] }), authors), declared).toHaveLength(1);
    }
    expect(declaredByReviewerRule(reviewer({ declared: ['Suffolk County Council', 'gmail.com'] }), authors)).toEqual(
      [],
    );
  });

  it('reads a declared affiliation in full, and an author’s declarations against the reviewer', () => {
    const authors = [author({ affiliations: ['Essex County Council'] })];
    expect(
      declaredByReviewerRule(reviewer({ declared: ['Children’s Services, Essex County Council'] }), authors),
    ).toHaveLength(1);
    expect(declaredByAuthorRule(reviewer(), [author({ declared: ['Univ. of Kent'] })])).toEqual([
      'Declared by Aoife Ní Bhriain: “Univ. of Kent”',
    ]);
    expect(declaredByAuthorRule(reviewer(), [author({ declared: ['University of Essex'] })])).toEqual([]);
  });

  it('finds co-authorship on another submission, by account or address', () => {
    const other = {
      code: 'JSWP-2026-0001',
      people: [
        { personId: null, name: 'Ravi', emails: ['ravi@kent.ac.uk'], domains: [], affiliations: [] },
        { personId: 'author-1', name: 'Aoife', emails: ['old@example.org'], domains: [], affiliations: [] },
      ],
    };
    expect(coAuthoredRule(reviewer(), [author()], [other])).toEqual([
      'Co-author with Aoife Ní Bhriain on JSWP-2026-0001',
    ]);
    expect(coAuthoredRule(reviewer({ emails: ['someone@kent.ac.uk'] }), [author()], [other])).toEqual([]);
  });
});
