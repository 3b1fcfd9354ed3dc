import { z } from 'zod';

/** A URL setting that may be left unset (or empty), and must match `scheme` when given. */
function optionalUrl(scheme: RegExp, message: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || scheme.test(v), { message });
}

/** Environment variables the server reads, validated once at start. */
export const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(1, 'PORT must be between 1 and 65535')
    .max(65535, 'PORT must be between 1 and 65535')
    .default(3000),
  DATABASE_URL: optionalUrl(
    /^postgres(ql)?:\/\/.+/,
    'DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for the embedded database)',
  ),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'DATABASE_POOL_MAX must be a number' })
    .int('DATABASE_POOL_MAX must be a whole number')
    .min(1, 'DATABASE_POOL_MAX must be between 1 and 100')
    .max(100, 'DATABASE_POOL_MAX must be between 1 and 100')
    .default(10),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR must not be empty').default('./data'),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'PUBLIC_URL must be an absolute http(s) URL such as https://rectify.example.gov.cn',
    })
    .optional(),
  TZ: z
    .string()
    .default('Asia/Shanghai')
    .refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'TZ must be an IANA time zone such as Asia/Shanghai' },
    ),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'], { error: 'SEED_DEMO must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  SMTP_URL: optionalUrl(
    /^smtps?:\/\/.+/,
    'SMTP_URL must start with smtp:// or smtps:// (leave it unset to use the built-in mail viewer)',
  ),
  MAIL_API_URL: optionalUrl(
    /^https?:\/\/.+/,
    'MAIL_API_URL must be an http(s) URL of an HTTP mail API (leave it unset to use SMTP_URL or the viewer)',
  ),
  MAIL_API_KEY: z.string().trim().optional(),
  MAIL_FROM: z.string().trim().min(3).default('Rectify <rectify@localhost>'),
  MAIL_SCHEDULE: z
    .enum(['true', 'false', '1', '0'], { error: 'MAIL_SCHEDULE must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [
      k,
      env[k] === '' && k !== 'DATABASE_URL' && k !== 'SMTP_URL' && k !== 'MAIL_API_URL' ? undefined : env[k],
    ]),
  );
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = parsed.data;
  if (!config.PUBLIC_URL) config.PUBLIC_URL = `http://localhost:${config.PORT}`;
  return config;
}
