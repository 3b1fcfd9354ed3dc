import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), in: z.string().optional() }))
      .optional(),
  })
  .openapi('Problem');

const problemDescriptions: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'Not signed in',
  403: 'Not allowed for your role',
  404: 'Not found, or not in your scope',
  409: 'Conflicts with the current state',
  412: 'If-Match is stale',
  413: 'Body over 1 MB',
  415: 'Body is not JSON',
  428: 'If-Match is missing',
  429: 'Too many attempts',
};

/** Problem responses for a route's OpenAPI description. */
export function problems(...codes: number[]) {
  return Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: problemDescriptions[code] ?? 'Problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}

export function json<T extends z.ZodType>(schema: T, description = 'OK') {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2147483647)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** Responses every signed-in route may give. */
export const signedIn = problems(400, 401, 404);
/** Responses of an admin write with If-Match. */
export const guardedWrite = problems(400, 401, 403, 404, 409, 412, 413, 415, 428);
