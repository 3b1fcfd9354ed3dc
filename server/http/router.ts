import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { type ProblemLocation, zodProblem } from './problem.ts';

/** A domain's router: validation failures become one problem+json through the app's onError. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw zodProblem(result.error, result.target as ProblemLocation);
    },
  });
}
