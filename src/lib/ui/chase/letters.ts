// The letters of the follow-up, through the PDF renderers of src/lib/pdf (loaded lazily: jsPDF
// and the fonts never weigh on the first screen): the reminder letter or the formal notice of an
// item — claiming exactly the item's claim, as its e-mail does — and the account statement.
import type { ChaseItem } from '$lib/domain/chaseItem';
import type { Client, Company, DocumentRecord, Payment } from '$lib/domain/types';
import type { AccountContext } from '$lib/domain/receivables';
import { accountStatement } from '$lib/domain/statement';
import { loadPdf, downloadFile } from '$lib/ui/pdf/files';

export interface LetterInput {
  item: ChaseItem;
  client: Client;
  company: Company;
  /** The client's account context today (receivables view). */
  context: AccountContext;
  documents: DocumentRecord[];
  payments: Payment[];
}

/** The days given to pay in a second reminder or a formal notice (LEGAL.md: 8 to 15). */
export const DEADLINE_DAYS = 8;

/** Which letter a step calls for: the formal notice, or a first / second reminder by tone. */
export function letterKind(item: ChaseItem): 'reminder1' | 'reminder2' | 'notice' {
  if (item.step.kind === 'formal_notice' || item.step.kind === 'decision') return 'notice';
  return item.step.tone === 'courtesy' || item.step.tone === 'friendly' ? 'reminder1' : 'reminder2';
}

/** Renders and downloads the letter of the item's step; resolves to its file name. */
export async function downloadChaseLetter(input: LetterInput): Promise<string> {
  const pdf = await loadPdf();
  const file = await pdf.letterPdf({
    company: input.company,
    client: input.client,
    claim: input.item.claim,
    today: input.context.asOf,
    kind: letterKind(input.item),
    deadlineDays: DEADLINE_DAYS,
    previousMessage: input.item.previousMessage !== null
  });
  downloadFile(file.blob, file.fileName);
  return file.fileName;
}

/** Renders and downloads the client's account statement. */
export async function downloadStatement(input: LetterInput): Promise<string> {
  const pdf = await loadPdf();
  const statement = accountStatement({
    clientId: input.client.id,
    documents: input.documents,
    payments: input.payments,
    vatRegime: input.company.vatRegime,
    context: input.context
  });
  const file = await pdf.statementPdf({ company: input.company, client: input.client, statement });
  downloadFile(file.blob, file.fileName);
  return file.fileName;
}
