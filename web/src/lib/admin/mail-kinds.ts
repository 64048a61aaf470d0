// What each kind of e-mail is, in the office's words, for the mail log. Keyed by the message's
// template (email_message.template); a key not listed here is shown as it is.
const kinds: Record<string, string> = {
  'account.verify_email': 'Address to verify (sign-up)',
  'account.verify-email': 'Address to verify (sign-up)',
  'account.already_registered': 'Sign-up with an address that already has an account',
  'account.confirm_new_email': 'New address to confirm',
  'account.email_changed': 'Address changed',
  'account.password_reset': 'Password reset',
  'account.password_changed': 'Password changed',
  'submission.receipt': 'Receipt for a submission',
  'submission.co_author_receipt': 'Receipt for a co-author',
  'submission.sent_to_review': 'Submission sent to review',
  'submission.desk_rejected': 'Submission declined by the editors',
  'submission.return_for_anonymisation': 'Manuscript returned to be anonymised',
  'review_copy.failed': 'Review copy could not be made',
  'assignment.invitation': 'Invitation to review',
  'assignment.cancelled': 'Review assignment cancelled',
  'assignment.invitation_ended': 'Invitation ended (editors told)',
  'reminder.invitation': 'Reminder: invitation not yet answered',
  'reminder.due_soon': 'Reminder: review due soon',
  'reminder.overdue': 'Reminder: review overdue',
  'reminder.escalation': 'Editors told: reviews overdue',
  'extension.requested': 'More time asked for (editors told)',
  'extension.granted': 'More time granted',
  'extension.refused': 'More time refused',
};

export function mailKindName(template: string): string | null {
  return kinds[template] ?? null;
}
