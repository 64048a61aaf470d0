// The words of every account e-mail. Plain text: it reads well in any mail program.
import type { OutgoingMail } from '@gaps/workers/shared';

const signature = '\n\nGAPS Submissions\n(The Journal of Social Work Practice and the Clare Winnicott Essay Awards)';

export function verifyEmailMail(to: { email: string; name: string; personId: string }, link: string): OutgoingMail {
  return {
    to: to.email,
    personId: to.personId,
    template: 'account.verify_email',
    subject: 'Please confirm your e-mail address',
    text: `Dear ${to.name},\n\nThank you for creating an account. Please confirm your e-mail address by opening this link:\n\n${link}\n\nThe link works for 48 hours. If you did not create an account, you can ignore this message.${signature}`,
  };
}

export function alreadyRegisteredMail(
  to: { email: string; name: string; personId: string },
  link: string,
): OutgoingMail {
  return {
    to: to.email,
    personId: to.personId,
    template: 'account.already_registered',
    subject: 'You already have an account',
    text: `Dear ${to.name},\n\nSomeone (probably you) tried to create an account with this e-mail address, but you already have one. You can sign in, or choose a new password here:\n\n${link}\n\nIf this was not you, you can ignore this message; nothing has changed.${signature}`,
  };
}

export function passwordResetMail(to: { email: string; name: string; personId: string }, link: string): OutgoingMail {
  return {
    to: to.email,
    personId: to.personId,
    template: 'account.password_reset',
    subject: 'Choose a new password',
    text: `Dear ${to.name},\n\nWe received a request to choose a new password for your account. Open this link to choose one:\n\n${link}\n\nThe link works for one hour and only once. If you did not ask for this, you can ignore this message; your password has not changed.${signature}`,
  };
}

export function confirmNewEmailMail(to: { email: string; name: string; personId: string }, link: string): OutgoingMail {
  return {
    to: to.email,
    personId: to.personId,
    template: 'account.confirm_new_email',
    subject: 'Please confirm your new e-mail address',
    text: `Dear ${to.name},\n\nPlease confirm that you want to use this address for your account by opening this link:\n\n${link}\n\nThe link works for 24 hours. Until you confirm, we keep using your old address.${signature}`,
  };
}

export function emailChangedMail(
  to: { email: string; name: string; personId: string },
  newEmail: string,
): OutgoingMail {
  return {
    to: to.email,
    personId: to.personId,
    template: 'account.email_changed',
    subject: 'Your e-mail address was changed',
    text: `Dear ${to.name},\n\nThe e-mail address of your account is now ${newEmail}. If you did not make this change, please contact the office straight away.${signature}`,
  };
}

export function passwordChangedMail(to: { email: string; name: string; personId: string }): OutgoingMail {
  return {
    to: to.email,
    personId: to.personId,
    template: 'account.password_changed',
    subject: 'Your password was changed',
    text: `Dear ${to.name},\n\nThe password of your account was just changed, and every other signed-in device was signed out. If you did not make this change, choose a new password with "Forgotten your password?" on the sign-in page and contact the office.${signature}`,
  };
}
