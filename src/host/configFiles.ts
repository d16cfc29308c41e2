/** Config files the extension validates, trains and decorates. */
export const CONFIG_FILE_PATTERN = /\.gan\.(ya?ml|json)$/i;

export function isConfigFile(file: string): boolean {
  return CONFIG_FILE_PATTERN.test(file);
}
