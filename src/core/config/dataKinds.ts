/** The 2D toy distributions (zod-free: the extension host reads this without loading the schema). */
export const toyDataKinds = ['ring', 'grid', 'spiral', 'moons', 'line', 'two-gaussians', 'blobs'] as const;
export type ToyDataKind = (typeof toyDataKinds)[number];

export function isToyDataKind(kind: string): kind is ToyDataKind {
  return (toyDataKinds as readonly string[]).includes(kind);
}
