// A draft issued on several devices offline, and the integrity check of the numbering.
import type { Messages } from '../../groups';

const messages: Messages = {
  'issuedTwice.fromDraft': 'Documents émis depuis ce brouillon',
  'issuedTwice.opening': 'Ce brouillon a été émis : ouverture du document…',
  'integrity.issued_twice': 'brouillon émis {count} fois : {numbers}',
  'integrity.back_in_time': 'daté du {date}, avant {after} du {afterDate} : la série remonte le temps'
};

export default messages;
