/**
 * HTTP routes derived from the method table: `GET` takes its input from the query string, `POST` from
 * a JSON body; `:name` path segments become input fields. Nothing here knows a method by name.
 */
import type { MethodDecl, MethodTable } from '../api/methods.js';
import { methodNames, pathParams } from '../api/methods.js';
import { decodeComponent } from './request-policy.js';

export type RouteMatch = Readonly<{ method: string; decl: MethodDecl; params: Record<string, string> }>;

type CompiledRoute = Readonly<{
  method: string;
  decl: MethodDecl;
  pattern: RegExp;
  names: readonly string[];
}>;

function compile(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The router of a method table: finds the method a request means, or says why none does. */
export function createApiRoutes(table: MethodTable) {
  const routes: CompiledRoute[] = methodNames(table).map((method) => {
    const decl = table[method] as MethodDecl;
    return { method, decl, pattern: compile(decl.path), names: pathParams(decl.path) };
  });
  return {
    /**
     * `undefined`: no route has this path; `'wrong-verb'`: one has, for another HTTP method;
     * `'malformed'`: a path segment is not a valid percent-encoding (`%`, `%FF%FE`).
     */
    match(verb: string, path: string): RouteMatch | 'wrong-verb' | 'malformed' | undefined {
      let pathKnown = false;
      for (const route of routes) {
        const found = route.pattern.exec(path);
        if (!found) continue;
        pathKnown = true;
        if (route.decl.verb !== verb) continue;
        const params: Record<string, string> = {};
        for (const [index, name] of route.names.entries()) {
          const value = decodeComponent(found[index + 1] ?? '');
          if (value === undefined) return 'malformed';
          params[name] = value;
        }
        return { method: route.method, decl: route.decl, params };
      }
      return pathKnown ? 'wrong-verb' : undefined;
    },
  };
}

/**
 * Query string → api input: a repeated key becomes an array, a single one a string (the schema
 * coerces numbers and splits comma lists). `token` is the access token, never input.
 */
export function queryToInput(params: URLSearchParams): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    if (key === 'token') continue;
    const values = params.getAll(key).filter((value) => value !== '');
    if (values.length === 0) continue;
    input[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return input;
}
