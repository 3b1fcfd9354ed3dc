import { createRoute, z } from '@hono/zod-openapi';
import { expectedVersion } from '../http/etag.ts';
import { guardedWrite, json, jsonBody, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { withETag } from '../http/routes.ts';
import { SettingsPatch, SettingsSchema } from './schema.ts';
import { loadSettings, patchSettings } from './service.ts';

export const settingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['settings'],
      summary: 'Deadlines per grade, check frequency per grade, warning-card thresholds',
      responses: { 200: json(SettingsSchema), ...problems(401) },
    }),
    async (c) => c.json(withETag(c, await loadSettings(c.get('deps').db)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/',
      tags: ['settings'],
      summary: 'Change settings (admins); If-Match required',
      request: { headers: z.object({ 'if-match': z.string().optional() }), body: jsonBody(SettingsPatch) },
      responses: { 200: json(SettingsSchema), ...guardedWrite },
    }),
    async (c) => c.json(withETag(c, await patchSettings(c, expectedVersion(c), c.req.valid('json'))), 200),
  );
