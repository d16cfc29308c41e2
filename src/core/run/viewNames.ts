// Without Node imports: the webview type-checks run.json's schema, which uses these.

/** A family's sample view name: its folder under samples/ (lower camel case or kebab case, 40 characters at most). */
export const VIEW_NAME = /^[a-z][a-zA-Z0-9-]{0,39}$/;
/** The most sample views a run may have: a bound on what a reader lists. */
export const MAX_VIEWS = 16;
