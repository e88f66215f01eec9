/** The longest silence the cockpit creates, in minutes (30 days); the api refuses longer ones. */
export const SILENCE_MAX_MINUTES = 60 * 24 * 30;
