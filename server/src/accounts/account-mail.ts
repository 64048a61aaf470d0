// The account e-mails (site-wide: not a venue's). Their words are the defaults below; the
// variables are the reader's own name and the link (or new address) the message is about.
import { defineMailKind, draftOf, readerName, siteSignature } from '../mail-templates/mail-kind.ts';

const link = {
  description: 'The link the message is about (for this person alone)',
  kind: 'link',
  sample: 'https://submissions.example.org/verify-email?token=sample',
} as const;

type Reader = { email: string; name: string; personId: string };

export const verifyEmailKind = defineMailKind({
  key: 'account.verify_email',
  audience: 'account',
  title: 'Confirm an e-mail address',
  description: 'Sent when someone creates an account, with the link that confirms the address.',
  variables: { name: readerName, link },
  subject: 'Please confirm your e-mail address',
  text: `Dear {{ name }},\n\nThank you for creating an account. Please confirm your e-mail address by opening this link:\n\n{{ link }}\n\nThe link works for 48 hours. If you did not create an account, you can ignore this message.${siteSignature}`,
  html: null,
});

export const alreadyRegisteredKind = defineMailKind({
  key: 'account.already_registered',
  audience: 'account',
  title: 'Already has an account',
  description: 'Sent instead of a confirmation when someone signs up with an address that has an account.',
  variables: { name: readerName, link },
  subject: 'You already have an account',
  text: `Dear {{ name }},\n\nSomeone (probably you) tried to create an account with this e-mail address, but you already have one. You can sign in, or choose a new password here:\n\n{{ link }}\n\nIf this was not you, you can ignore this message; nothing has changed.${siteSignature}`,
  html: null,
});

export const passwordResetKind = defineMailKind({
  key: 'account.password_reset',
  audience: 'account',
  title: 'Choose a new password',
  description: 'Sent when someone asks to reset a forgotten password.',
  variables: { name: readerName, link },
  subject: 'Choose a new password',
  text: `Dear {{ name }},\n\nWe received a request to choose a new password for your account. Open this link to choose one:\n\n{{ link }}\n\nThe link works for one hour and only once. If you did not ask for this, you can ignore this message; your password has not changed.${siteSignature}`,
  html: null,
});

export const confirmNewEmailKind = defineMailKind({
  key: 'account.confirm_new_email',
  audience: 'account',
  title: 'Confirm a new e-mail address',
  description: 'Sent to the new address when someone changes the address of their account.',
  variables: { name: readerName, link },
  subject: 'Please confirm your new e-mail address',
  text: `Dear {{ name }},\n\nPlease confirm that you want to use this address for your account by opening this link:\n\n{{ link }}\n\nThe link works for 24 hours. Until you confirm, we keep using your old address.${siteSignature}`,
  html: null,
});

export const emailChangedKind = defineMailKind({
  key: 'account.email_changed',
  audience: 'account',
  title: 'E-mail address changed',
  description: 'Sent to the old address once the new one is confirmed.',
  variables: {
    name: readerName,
    new_email: { description: 'The address the account uses now', kind: 'text', sample: 'alex@example.org' },
  },
  subject: 'Your e-mail address was changed',
  text: `Dear {{ name }},\n\nThe e-mail address of your account is now {{ new_email }}. If you did not make this change, please contact the office straight away.${siteSignature}`,
  html: null,
});

export const passwordChangedKind = defineMailKind({
  key: 'account.password_changed',
  audience: 'account',
  title: 'Password changed',
  description: 'Sent when the password of an account was changed (by a reset or on the profile page).',
  variables: { name: readerName },
  subject: 'Your password was changed',
  text: `Dear {{ name }},\n\nThe password of your account was just changed, and every other signed-in device was signed out. If you did not make this change, choose a new password with "Forgotten your password?" on the sign-in page and contact the office.${siteSignature}`,
  html: null,
});

export const accountKinds = [
  verifyEmailKind,
  alreadyRegisteredKind,
  passwordResetKind,
  confirmNewEmailKind,
  emailChangedKind,
  passwordChangedKind,
];

const site = (to: Reader) => ({ venueId: null, to: { email: to.email, personId: to.personId } });

export const verifyEmailMail = (to: Reader, link: string) =>
  draftOf(verifyEmailKind, { ...site(to), values: { name: to.name, link } });
export const alreadyRegisteredMail = (to: Reader, link: string) =>
  draftOf(alreadyRegisteredKind, { ...site(to), values: { name: to.name, link } });
export const passwordResetMail = (to: Reader, link: string) =>
  draftOf(passwordResetKind, { ...site(to), values: { name: to.name, link } });
export const confirmNewEmailMail = (to: Reader, link: string) =>
  draftOf(confirmNewEmailKind, { ...site(to), values: { name: to.name, link } });
export const emailChangedMail = (to: Reader, newEmail: string) =>
  draftOf(emailChangedKind, { ...site(to), values: { name: to.name, new_email: newEmail } });
export const passwordChangedMail = (to: Reader) =>
  draftOf(passwordChangedKind, { ...site(to), values: { name: to.name } });
