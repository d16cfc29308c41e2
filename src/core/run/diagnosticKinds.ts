// Apart from the record schemas: the webview bundle imports these labels, and must not pull in zod.

export const diagnosticKinds = [
  'vanishing-gradients', 'discriminator-overpowering', 'mode-collapse', 'oscillation', 'divergence', 'hidden-signal',
  'domains-apart',
] as const;
export type DiagnosticKind = (typeof diagnosticKinds)[number];

/** How each kind is named to a person (CLI, log, notifications, dashboard). */
export const diagnosticKindLabels: Readonly<Record<DiagnosticKind, string>> = {
  'vanishing-gradients': 'Vanishing gradients',
  'discriminator-overpowering': 'Discriminator overpowering',
  'mode-collapse': 'Mode collapse',
  oscillation: 'Oscillation',
  divergence: 'Divergence',
  'hidden-signal': 'Hidden signal (steganography)',
  'domains-apart': 'Domains still apart',
};
