// Limits both ends of the dashboard channel share. Kept apart from dashboardMessages.ts, whose
// schema needs zod, so the webview bundle can import a number without the validator.

/** The most plane records a snapshot carries (about 20 kB each): enough to scrub a run's plane over its steps. */
export const MAX_SENT_FIELDS = 40;
