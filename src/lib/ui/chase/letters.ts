// The integration point for the letters of the follow-up (reminder letter, formal notice): the
// PDF renderers belong to src/lib/pdf, which this branch does not have yet. Until they land,
// `renderChaseLetter` answers null and the list copies the letter's text instead (the action is
// logged either way). When src/lib/pdf exists, import its reminder-letter / formal-notice
// renderers lazily here and return the PDF Blob.
import type { ChaseItem } from '$lib/domain/chase';
import type { Client, Company } from '$lib/domain/types';
import type { Rendered } from '$lib/domain/templates';

export interface LetterInput {
  item: ChaseItem;
  client: Client;
  company: Company | null;
  /** The filled template of the step (subject and body in the client's language). */
  message: Rendered;
}

/** The letter or formal notice as a PDF, or null while no PDF renderer is available. */
export async function renderChaseLetter(input: LetterInput): Promise<Blob | null> {
  void input;
  return null;
}
