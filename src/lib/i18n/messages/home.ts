import type { AreaMessages } from './index';

const messages: AreaMessages = {
  fr: {},
  en: {}
};

export default messages;
