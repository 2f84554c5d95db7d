// `node --import ./record-modules.mjs …`: appends the URL of every module the program loads to
// the file named by SWEEPTOP_TEST_MODULES, so a test can see what a command loads.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.SWEEPTOP_TEST_MODULES, result.url + '\\n');
  return result;
}`),
);
