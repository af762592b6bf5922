// Local-first SPA: everything renders in the browser from IndexedDB.
import { loadMessages } from '$lib/i18n/index.svelte';

export const ssr = false;
export const prerender = false;

// The words of the layout and of « Aujourd'hui », before anything renders; each route loads its own.
export const load = () => loadMessages(['core', 'client']);
