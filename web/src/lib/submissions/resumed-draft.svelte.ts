// "Start a submission" opened the author's existing empty draft for the call instead of making
// another: the wizard says so when it opens that draft (the button's page is gone by then).
const resumed = $state<{ id: string | null }>({ id: null });

export function markResumed(submissionId: string) {
  resumed.id = submissionId;
}

/** True once, for the draft just resumed. */
export function takeResumed(submissionId: string): boolean {
  if (resumed.id !== submissionId) return false;
  resumed.id = null;
  return true;
}
