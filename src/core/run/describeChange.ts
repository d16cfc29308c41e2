import type { LiveChange } from './changeRecords';

// Apart from the schema so the webview can word changes without bundling zod.

/** One line for the changes list, a log line or a tooltip: "discriminator learning rate → 0.0005". */
export function describeChange(change: LiveChange): string {
  switch (change.kind) {
    case 'learningRate': return `${change.player} learning rate → ${change.value}`;
    case 'updates': return `${change.player} updates per step → ${change.value}`;
    case 'weight': return `${change.name} → ${change.value}`;
    case 'only': return `only ${change.player} trains for ${change.steps} ${change.steps === 1 ? 'step' : 'steps'}`;
  }
}
