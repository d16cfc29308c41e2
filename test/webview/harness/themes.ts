// The theme variables VS Code sets on a webview (a subset: what the dashboard and
// @vscode-elements use), from the Dark Modern, Light Modern and High Contrast themes.

export type ThemeName = 'dark' | 'light' | 'high-contrast';

export const themeBodyClass: Record<ThemeName, string> = {
  dark: 'vscode-dark',
  light: 'vscode-light',
  'high-contrast': 'vscode-high-contrast',
};

const shared = {
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
};

// `satisfies` rather than an annotation: tests read variables back by name, and the compiler
// knows which ones every theme sets.
export const themeVariables = {
  dark: {
    ...shared,
    '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b', '--vscode-focusBorder': '#0078d4', '--vscode-errorForeground': '#f85149',
    '--vscode-charts-blue': '#3794ff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-yellow': '#cca700', '--vscode-charts-purple': '#b180d7',
    '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1',
    '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-button-secondaryHoverBackground': '#3c3c3c', '--vscode-button-border': '#ffffff12',
    '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-editor-selectionBackground': '#264f78',
    '--vscode-settings-dropdownBackground': '#313131', '--vscode-settings-dropdownForeground': '#cccccc',
    '--vscode-settings-dropdownBorder': '#3c3c3c', '--vscode-progressBar-background': '#0078d4',
    '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-editorError-foreground': '#f14c4c', '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-testing-iconPassed': '#73c991', '--vscode-toolbar-hoverBackground': '#5a5d5e50',
  },
  light: {
    ...shared,
    '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5', '--vscode-focusBorder': '#005fb8', '--vscode-errorForeground': '#f85149',
    '--vscode-charts-blue': '#1a85ff', '--vscode-charts-red': '#e51400', '--vscode-charts-green': '#388a34',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-yellow': '#bf8803', '--vscode-charts-purple': '#652d90',
    '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#0258a8',
    '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-button-border': '#0000001a',
    '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-editor-selectionBackground': '#add6ff',
    '--vscode-settings-dropdownBackground': '#ffffff', '--vscode-settings-dropdownForeground': '#3b3b3b',
    '--vscode-settings-dropdownBorder': '#cecece', '--vscode-progressBar-background': '#005fb8',
    '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000',
    '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-list-hoverForeground': '#3b3b3b',
    '--vscode-editorError-foreground': '#e51400', '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-testing-iconPassed': '#388a34', '--vscode-toolbar-hoverBackground': '#b8b8b850',
  },
  'high-contrast': {
    ...shared,
    '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-descriptionForeground': '#ffffffb3',
    '--vscode-panel-border': '#6fc3df', '--vscode-contrastBorder': '#6fc3df', '--vscode-focusBorder': '#f38518',
    '--vscode-errorForeground': '#f48771',
    '--vscode-charts-blue': '#3794ff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-yellow': '#cca700', '--vscode-charts-purple': '#b180d7',
    '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
    '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-inputValidation-errorBackground': '#000000', '--vscode-inputValidation-errorBorder': '#f48771',
    '--vscode-editor-selectionBackground': '#ffffff',
    '--vscode-settings-dropdownBackground': '#000000', '--vscode-settings-dropdownForeground': '#ffffff',
    '--vscode-settings-dropdownBorder': '#6fc3df', '--vscode-progressBar-background': '#6fc3df',
    '--vscode-contrastActiveBorder': '#f38518',
    '--vscode-editorError-foreground': '#f48771', '--vscode-editorWarning-foreground': '#ffd370',
    '--vscode-testing-iconPassed': '#73c991',
  },
} satisfies Record<ThemeName, Record<string, string>>;
