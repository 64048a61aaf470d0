// The two messages of an erasure: the link that confirms the person's own request, and the last
// message, to the old address, saying it is done. Site-wide (not a venue's), like the account mails.
import { defineMailKind, draftOf, readerName, siteSignature } from '../../mail-templates/mail-kind.ts';

/** How long the confirmation link works. */
export const ERASURE_CONFIRM_HOURS = 24;

export const erasureConfirmKind = defineMailKind({
  key: 'privacy.erasure_confirm',
  audience: 'account',
  title: 'Confirm erasing an account',
  description: `Sent when someone asks to erase their account, with the link that confirms it (it works for ${ERASURE_CONFIRM_HOURS} hours). Nothing is erased until the link is opened and confirmed.`,
  variables: {
    name: readerName,
    link: {
      description: 'The page that confirms the erasure (for this person alone)',
      kind: 'link',
      sample: 'https://submissions.example.org/account/erasure/confirm?token=sample',
    },
  },
  subject: 'Please confirm that you want your account erased',
  text: `Dear {{ name }},

You asked us to erase your account. To confirm, open this link and press the button on the page:

{{ link }}

The link works for ${ERASURE_CONFIRM_HOURS} hours. Until you confirm, nothing is erased. If you did not ask for this, ignore this message and change your password.${siteSignature}`,
  html: null,
});

// No name in it: it is written in the same transaction that erases the name, and is the one
// message whose address is kept until it has gone (the mail worker forgets it after delivery).
export const erasureDoneKind = defineMailKind({
  key: 'privacy.erasure_done',
  audience: 'account',
  title: 'Account erased',
  description:
    'The last message to an erased person’s old address, sent when the erasure is done. It has no name in it; once it has gone, the address is forgotten too.',
  variables: {},
  subject: 'Your account has been erased',
  text: `Hello,

The account that used this e-mail address has been erased, as asked. Your name, address, profile and password are gone, and you can no longer sign in. Work you sent in and reviews you submitted stay without your name.

This is the last message we will send to this address.${siteSignature}`,
  html: null,
});

export const erasureKinds = [erasureConfirmKind, erasureDoneKind];

export const erasureConfirmMail = (to: { email: string; name: string; personId: string }, link: string) =>
  draftOf(erasureConfirmKind, {
    venueId: null,
    to: { email: to.email, personId: to.personId },
    values: { name: to.name, link },
  });

export const erasureDoneMail = (to: { email: string; personId: string }) =>
  draftOf(erasureDoneKind, { venueId: null, to: { email: to.email, personId: to.personId }, values: {} });
