const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

/**
 * Why the headless host must not listen on `host` with this token, or undefined when it may. One
 * rule for `check-config`, the config loader and `serve --host`, so `check-config` never says ok for
 * a file `serve` refuses.
 */
export function exposureProblem(host: string, token: string | undefined): string | undefined {
  if (isLoopbackHost(host) || token) return undefined;
  return `${host} is reachable from other machines, and without an access token anyone there could read alerts and create silences; set server.tokens (a list of { token, role: viewer or operator }, each token at least 16 characters) or bind 127.0.0.1`;
}
