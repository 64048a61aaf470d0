// The README.txt at the top of an export ZIP: what each file is, in plain words.
import { dayInUtc } from '../../mail-templates/words.ts';

export function exportReadme(facts: { name: string; at: Date; keepDays: number; missing: readonly string[] }): string {
  const missing =
    facts.missing.length === 0
      ? ''
      : `
Files we no longer have
-----------------------
These files are listed in submissions.json but are not in this ZIP, because they had already been
deleted under our retention rules:
${facts.missing.map((file) => `  - ${file}`).join('\n')}
`;
  return `A copy of your data from GAPS Submissions
=========================================

Prepared for ${facts.name} on ${dayInUtc(facts.at)} (UK GDPR: your right of access).

This ZIP holds everything our submission system holds about you. The .json files are plain text:
open them with any text editor, or with a spreadsheet or data program. Dates and times are in UTC.

What each file is
-----------------
profile.json
  Your account (name, e-mail address, affiliation, ORCID iD, time zone), the roles you have been
  given, what editors recorded about you as a reviewer (your expertise, employer, availability and
  the conflicts you declared), and your sign-ins (when, from which address, with which browser).

submissions.json
  Every submission or award entry you are an author of: its title, abstract and keywords, its status,
  the authors as the submission lists them (your co-authors by name only), your own author details,
  your declarations and application form (when you sent it), the decision letters you were sent, and
  what the reviewers wrote to the authors once a decision letter of that round had gone out.
  Reviewers are named "Reviewer 1", "Reviewer 2" (or "Judge 1" for an award), as in the letters:
  we never give out who reviewed your work.

files/
  The file of every version of your manuscripts, exactly as it was uploaded, one folder per
  submission (named by its reference, or "draft-..." before it had one).

reviews-you-wrote.json
  Every invitation to review you received and the reviews and scores you wrote, including your
  confidential comments to the editors. Submissions are named by their reference and title only.

emails-sent-to-you.json
  Every e-mail our system wrote to you, with its text (unless its text was already deleted under
  our retention rules: then only the subject and dates remain).

activity-log.json
  Our audit log entries about your account and about what you did on the site. Entries made by
  our staff about your account say "a member of staff", without naming them.
${missing}
What is not included
--------------------
Your password and sign-in links: we store them only in a form nobody can read back.
Anything about other people: the names and addresses of reviewers, other entrants' forms, and
the editors' internal notes about other people.

This copy is deleted from our system ${facts.keepDays} days after it was made. If you have questions about your
data, or want something corrected or deleted, please contact the office.
`;
}
