// The name of a document's kind as headings and lists show it: a deposit invoice, a situation de
// travaux (« Situation de travaux n° 2 »), the décompte définitif, or its plain kind.
import type { DocumentRecord } from '$lib/domain/types';
import { progressOf } from '$lib/domain/progress';
import { t } from '$lib/i18n/index.svelte';

export function documentKindLabel(doc: DocumentRecord): string {
  if (doc.deposit) return t('kind.deposit');
  const progress = progressOf(doc);
  if (progress) return progress.final ? t('kind.finalStatement') : t('kind.situationN', { n: progress.situation });
  return t(`kind.${doc.kind}`);
}
