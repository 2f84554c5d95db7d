/**
 * Configuration a script prints about itself — `args: {'lr': 0.001, 'optimizer': 'adam'}`,
 * `Config: {"lr": 0.001}`, `hparams={…}`, also after a logging prefix — is echoed configuration,
 * never metrics: the `lr` there is a setting, not a measurement. Parsers that read objects ask
 * `isConfigLabel` about the text before the `{`, and hand such an object to `echoedFromObject`.
 */
import type { EchoedValue } from './parser.js';

/** The words that label an object as configuration, in lower case. */
const CONFIG_LABELS = new Set([
  'args',
  'arguments',
  'config',
  'cfg',
  'configuration',
  'hparams',
  'hyperparams',
  'hyperparameters',
  'params',
  'parameters',
  'opts',
  'options',
  'settings',
]);
const LONGEST_LABEL = 'hyperparameters'.length;

/**
 * Whether the object opening at `braceStart` follows a configuration label: the word right before
 * it, then `:`, `=` or a space (`args: {`, `Config={`, `INFO:root:hparams {`, `train_config: {`),
 * in any case.
 */
export function isConfigLabel(line: string, braceStart: number): boolean {
  let end = braceStart;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  const separator = line.charCodeAt(end - 1);
  if (separator === 58 || separator === 61)
    end--; // : =
  else if (end === braceStart) return false; // `args{`: glued, no label
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  let start = end;
  while (start > 0 && end - start <= LONGEST_LABEL && isLetter(line.charCodeAt(start - 1))) start--;
  if (start === end || end - start > LONGEST_LABEL) return false;
  // `myargs: {` is another word; `train_config: {` and `model.config {` end with a label
  if (start > 0 && isLetterOrDigit(line.charCodeAt(start - 1))) return false;
  return CONFIG_LABELS.has(line.slice(start, end).toLowerCase());
}

/**
 * The object's values by path (`{"optim": {"lr": 0.1}}` → `optim/lr`): numbers, strings,
 * booleans and null as printed; anything else (a list) as its JSON text.
 */
export function echoedFromObject(object: Record<string, unknown>): Record<string, EchoedValue> {
  const echoed: Record<string, EchoedValue> = {};
  flatten(object, '', echoed);
  return echoed;
}

function flatten(object: Record<string, unknown>, prefix: string, out: Record<string, EchoedValue>): void {
  for (const key in object) {
    const value = object[key];
    const name = prefix + key;
    if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out[name] = value;
    else if (typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, `${name}/`, out);
    else out[name] = JSON.stringify(value) ?? null;
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isLetterOrDigit(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}
