import { loadMessages } from '$lib/i18n/index.svelte';

// The words this screen shows beyond the layout's (tests/unit/i18nGroups.test.ts checks the list).
export const load = () => loadMessages(['clients', 'common', 'deposits', 'review', 'sending', 'settings']);
