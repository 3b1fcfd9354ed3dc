/**
 * The browser build's stand-in for `@hono/zod-openapi`: the shared schemas in server/<domain>/schema.ts
 * import `z` from it to attach OpenAPI metadata, which only the server's API document needs. Here
 * `.openapi()` keeps the schema as it is, so the client validates with the very same rules without
 * bundling the OpenAPI generator.
 */
import { z } from 'zod';

declare module 'zod' {
  interface ZodType {
    openapi(...args: unknown[]): this;
  }
}

const proto = z.ZodType.prototype as unknown as { openapi?: unknown };
if (!proto.openapi) {
  proto.openapi = function openapi(this: unknown) {
    return this;
  };
}

export { z };
