/** Removes the tests' own state directory (see vitest.config.ts) once every test has run. */
import { rmSync } from 'node:fs';

export default function setup(): () => void {
  const stateHome = process.env.XDG_STATE_HOME;
  return () => {
    if (stateHome?.includes('sweeptop-test-state-')) rmSync(stateHome, { recursive: true, force: true });
  };
}
