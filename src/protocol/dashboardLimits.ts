// Limits both ends of the dashboard channel share. Kept apart from dashboardMessages.ts, whose
// schema needs zod, so the webview bundle can import a number without the validator.

/** The most plane records a snapshot carries (about 20 kB each): enough to scrub a run's plane over its steps. */
export const MAX_SENT_FIELDS = 40;

/** The most steps one press of a step button (or of Train Alone on a paused run) may ask of it. */
export const MAX_ADVANCE_STEPS = 10_000;
