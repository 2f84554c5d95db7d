/** The hidden command `run` and `resume` start the detached controller with (not for people). */
export const CONTROLLER_COMMAND = '__controller';
