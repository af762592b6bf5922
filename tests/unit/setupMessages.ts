// Unit tests translate without a browser to fetch chunks: every group of both languages is
// installed before any test runs, as if every screen had loaded its messages.
import { messages } from '$lib/i18n/messages';
import { installMessages } from '$lib/i18n/index.svelte';

installMessages(messages);
