/**
 * JSON-object lines: `{"step": 3, "loss": 0.41, "val": {"acc": 0.9}}`, also after a logging
 * prefix (`INFO:root:{"loss": 0.4}`). Numbers are metrics, nested objects give `val/acc`, and the
 * strings "nan", "inf", "-inf" (how sweeptop and many loggers write them in JSON) are numbers.
 * Python's `json.dumps` writes bare `NaN`/`Infinity`, which is not JSON: the python-dict parser,
 * tried next, reads those lines. An object after a configuration label (`Config: {"lr": 0.001}`)
 * is echoed configuration, not metrics (see echoed-config.ts).
 */
import type { ParserPlugin } from '../../src/plugin-api/parser.js';
import { parseJsonLine } from '../../src/plugin-api/object-points.js';

const plugin: ParserPlugin = {
  name: 'json',
  kind: 'parser',
  description: 'JSON-object lines (`{"step": 3, "loss": 0.41}`); `config: {…}` is echoed configuration',
  create: () => ({ parse: parseJsonLine, endsWith: '}' }),
};
export default plugin;
