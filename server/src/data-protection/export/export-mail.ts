// The message that says a person's copy of their data is ready. It carries no data and no file:
// the link leads to their account page, where downloading needs them to be signed in.
import { defineMailKind, draftOf, readerName, siteSignature } from '../../mail-templates/mail-kind.ts';

export const exportReadyKind = defineMailKind({
  key: 'privacy.export_ready',
  audience: 'account',
  title: 'A copy of your data is ready',
  description:
    'Sent when the copy of their data someone asked for on their account page is ready to download. The link leads to the account page; downloading needs signing in.',
  variables: {
    name: readerName,
    link: {
      description: 'The “Your data” part of the account page (signing in is needed to download)',
      kind: 'link',
      sample: 'https://submissions.example.org/account#your-data',
    },
    expires: {
      description: 'When the copy will be deleted, in the reader’s time zone',
      kind: 'date',
      sample: new Date('2027-01-08T10:30:00Z'),
    },
  },
  subject: 'A copy of your data is ready to download',
  text: `Dear {{ name }},

The copy of your data you asked for is ready. To download it, sign in and open the "Your data" part of your account page:

{{ link }}

The copy is a ZIP file. It will be deleted after {{ expires }}; you can ask for a new one at any time.

If you did not ask for a copy of your data, please contact the office.${siteSignature}`,
  html: null,
});

export const exportKinds = [exportReadyKind];

export function exportReadyMail(
  to: { email: string; name: string; personId: string; timeZone: string },
  link: string,
  expires: Date,
) {
  return draftOf(exportReadyKind, {
    venueId: null,
    to: { email: to.email, personId: to.personId, timeZone: to.timeZone },
    values: { name: to.name, link, expires },
  });
}
