/** The backends a config or setting may name (kept apart from the zod schema: the extension host reads it at start-up). */
export const backendNames = ['auto', 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
