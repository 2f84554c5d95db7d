/** The names of the hidden commands, which sweeptop itself calls (not for people). */

/** The detached controller `run` and `resume` start. */
export const CONTROLLER_COMMAND = '__controller';
/** What the shell completion scripts ask at each Tab. */
export const COMPLETE_COMMAND = '__complete';
