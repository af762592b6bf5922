// The letters of the follow-up, through the PDF renderers of src/lib/pdf (loaded lazily: jsPDF
// and the fonts never weigh on the first screen): the reminder letter or the formal notice of an
// item, and the account statement when an item covers several invoices.
import type { ChaseItem } from '$lib/domain/chase';
import type { Client, Company, DocumentRecord, IsoDate, Payment } from '$lib/domain/types';
import { loadPdf, downloadFile } from '$lib/ui/pdf/files';

export interface LetterInput {
  item: ChaseItem;
  client: Client;
  company: Company;
  documents: DocumentRecord[];
  payments: Payment[];
  today: IsoDate;
}

/** The days given to pay in a second reminder or a formal notice (LEGAL.md: 8 to 15). */
export const DEADLINE_DAYS = 8;

/** Which letter a step calls for: the formal notice, or a first / second reminder by tone. */
export function letterKind(item: ChaseItem): 'reminder1' | 'reminder2' | 'notice' {
  if (item.step.kind !== 'reminder') return 'notice';
  return item.step.tone === 'courtesy' || item.step.tone === 'friendly' ? 'reminder1' : 'reminder2';
}

/** Renders and downloads the letter of the item's step; resolves to its file name. */
export async function downloadChaseLetter(input: LetterInput): Promise<string> {
  const pdf = await loadPdf();
  const file = await pdf.letterPdf({ ...input, kind: letterKind(input.item), deadlineDays: DEADLINE_DAYS });
  downloadFile(file.blob, file.fileName);
  return file.fileName;
}

/** Renders and downloads the client's account statement. */
export async function downloadStatement(input: LetterInput): Promise<string> {
  const pdf = await loadPdf();
  const file = await pdf.statementPdf(input);
  downloadFile(file.blob, file.fileName);
  return file.fileName;
}
