// What "My submissions" says after a draft was deleted (from its list, or from inside the draft
// editor, whose page is gone by then); DeletedDraftNotice shows it until the page is left.
export const deletedDraft = $state<{ message: string | null }>({ message: null });

export function deletedMessage(title: string): string {
  return title.trim()
    ? `Your draft “${title.trim()}” has been deleted, with its files.`
    : 'Your untitled draft has been deleted, with its files.';
}
