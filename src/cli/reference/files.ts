/** The references generated from the CLI's declarations, and where they live (`npm run docs:commands`). */
import { COMMAND_TABLE } from '../command-table.js';
import { HOOK_EVENT_JSON } from '../output/hook-event-shape.js';
import { JSON_OUTPUTS } from '../output/shapes.js';
import { commandsReference } from './commands-md.js';
import { jsonOutputReference } from './json-output-md.js';

export const CLI_REFERENCE_FILES: ReadonlyArray<{ path: string; render: () => string }> = [
  { path: 'docs/reference/commands.md', render: () => commandsReference(COMMAND_TABLE) },
  { path: 'docs/reference/json-output.md', render: () => jsonOutputReference([...JSON_OUTPUTS, HOOK_EVENT_JSON]) },
];
