// issuing: see ../fr/issuing.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'issuedTwice.fromDraft': 'Documents issued from this draft',
  'issuedTwice.opening': 'This draft was issued: opening the document…',
  'integrity.issued_twice': 'draft issued {count} times: {numbers}',
  'integrity.back_in_time': 'dated {date}, before {after} of {afterDate}: the series goes back in time'
};

export default messages;
