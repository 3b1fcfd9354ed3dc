import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ZodError, z } from 'zod';

/** Where an invalid value came from. */
export type ProblemLocation = 'body' | 'query' | 'path' | 'header' | 'cookie' | 'form' | 'json';

/** A message in both languages of the product; the response carries the reader's one. */
export interface Localized {
  en: string;
  'zh-CN': string;
}
export type Message = string | Localized;
export const l = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export interface FieldError {
  path: string;
  message: Message;
  in?: ProblemLocation;
}

/**
 * RFC 9457 problem details. Every failure the API reports is one of these, thrown from anywhere and
 * rendered by the single `onError`.
 */
export class Problem extends Error {
  constructor(
    public readonly status: ContentfulStatusCode,
    public readonly slug: string,
    public readonly title: Message,
    public readonly detail?: Message,
    public readonly errors?: FieldError[],
    public readonly headers: Record<string, string> = {},
  ) {
    super(inLocale(detail ?? title, 'en'));
    this.name = 'Problem';
  }

  /** The problem as sent, in the reader's language. */
  render(locale: Locale) {
    return {
      type: `urn:rectify:problem:${this.slug}`,
      title: inLocale(this.title, locale),
      status: this.status,
      ...(this.detail ? { detail: inLocale(this.detail, locale) } : {}),
      ...(this.errors
        ? { errors: this.errors.map((e) => ({ ...e, message: inLocale(e.message, locale) })) }
        : {}),
    };
  }
}

type Locale = keyof Localized;
function inLocale(message: Message, locale: Locale): string {
  return typeof message === 'string' ? message : message[locale];
}

export const problem = {
  validation: (
    errors: FieldError[],
    detail: Message = l('The request has invalid fields.', '请求中有字段不符合要求。'),
  ) => new Problem(400, 'validation', l('Invalid request', '请求无效'), detail, errors),
  unauthenticated: (detail: Message = l('Sign in first.', '请先登录。')) =>
    new Problem(401, 'unauthenticated', l('Not signed in', '未登录'), detail),
  forbidden: (detail: Message = l('You may not do this.', '您无权执行此操作。'), errors?: FieldError[]) =>
    new Problem(403, 'forbidden', l('Forbidden', '无权操作'), detail, errors),
  notFound: (what: Localized = l('resource', '记录')) =>
    new Problem(
      404,
      'not-found',
      l('Not found', '未找到'),
      l(`No such ${what.en}.`, `找不到该${what['zh-CN']}。`),
    ),
  conflict: (detail: Message, errors?: FieldError[]) =>
    new Problem(409, 'conflict', l('Conflict', '与当前状态冲突'), detail, errors),
  preconditionFailed: () =>
    new Problem(
      412,
      'stale',
      l('Precondition failed', '记录已被修改'),
      l(
        'The record changed since you read it (If-Match does not match its ETag). Reload and try again.',
        '该记录在您读取后已被修改（If-Match 与 ETag 不符），请刷新后重试。',
      ),
    ),
  preconditionRequired: () =>
    new Problem(
      428,
      'if-match-required',
      l('Precondition required', '缺少版本号'),
      l(
        'Send If-Match with the ETag you read, so concurrent edits are not lost.',
        '请在 If-Match 中提供读取时的 ETag，以免覆盖他人的修改。',
      ),
      [{ path: 'If-Match', message: l('required', '必填'), in: 'header' }],
    ),
  tooLarge: (limit: string) =>
    new Problem(
      413,
      'too-large',
      l('Payload too large', '请求体过大'),
      l(`The request body is larger than ${limit}.`, `请求体超过 ${limit}。`),
    ),
  unsupportedMediaType: (expected: string) =>
    new Problem(
      415,
      'unsupported-media-type',
      l('Unsupported media type', '不支持的内容类型'),
      l(`Send the body as ${expected}.`, `请以 ${expected} 格式提交。`),
    ),
  tooManyRequests: (retryAfterSeconds: number) => {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return new Problem(
      429,
      'rate-limited',
      l('Too many attempts', '尝试次数过多'),
      l(
        `Too many failed sign-in attempts. Try again in ${minutes} minute(s).`,
        `登录失败次数过多，请 ${minutes} 分钟后再试。`,
      ),
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  },
};

/** Chinese for the messages the schemas set themselves; zod's own messages use its zh-CN locale. */
const SCHEMA_MESSAGES_ZH: Record<string, string> = {
  required: '必填',
  'unknown field': '未知字段',
  'must be an email address': '须为电子邮箱地址',
  'must be at least 10 characters': '至少 10 个字符',
  'must be at most 200 characters': '最多 200 个字符',
  'must be a date YYYY-MM-DD': '须为日期 YYYY-MM-DD',
  'must not repeat a stage': '办理环节不能重复',
  'must not exceed statutoryDays': '不得超过法定时限',
};
const zodZh = z.locales.zhCN();

function zodMessage(issue: ZodError['issues'][number]): Localized {
  // A finished issue no longer carries the input, so zod's "received …" clause would read "undefined".
  const zh = SCHEMA_MESSAGES_ZH[issue.message] ?? zodZh.localeError(issue as never);
  const text = typeof zh === 'string' ? zh : (zh?.message ?? issue.message);
  return l(issue.message, text.replace(/，实际接收 \S+$/, ''));
}

export function zodProblem(error: ZodError, location: ProblemLocation): Problem {
  const errors = error.issues.flatMap((issue): FieldError[] => {
    const base = issue.path.map(String).join('.');
    // An unknown field is reported at the field itself, so the client can point at it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: l('unknown field', '未知字段'),
        in: location,
      }));
    }
    return [{ path: base || '(root)', message: zodMessage(issue), in: location }];
  });
  return problem.validation(errors);
}

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  detail?: string;
  column?: string;
}

/** Maps database constraint failures to the client's fault (4xx) without leaking SQL. */
function databaseProblem(err: PgError): Problem | null {
  switch (err.code) {
    case '23505':
      return problem.conflict(
        l('A record with the same unique value already exists.', '已存在相同编码或唯一值的记录。'),
        [{ path: constraintField(err), message: l('already exists', '已存在') }],
      );
    case '23503':
      return problem.validation(
        [
          {
            path: constraintField(err),
            message: l('refers to a record that does not exist or is in use', '引用的记录不存在或仍被引用'),
          },
        ],
        l(
          'A referenced record does not exist, or the record is still referenced.',
          '引用的记录不存在，或该记录仍被引用。',
        ),
      );
    case '23514':
    case '23502':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return problem.validation(
        [
          {
            path: err.column ? camel(err.column) : constraintField(err),
            message: l('value not allowed', '取值不被允许'),
          },
        ],
        l('A value is outside what the record allows.', '有取值超出了允许范围。'),
      );
    case '22021':
    case '22P05':
      return problem.validation(
        [{ path: '(body)', message: l('holds a character the database cannot store', '包含无法保存的字符') }],
        l('A value holds a character the database cannot store.', '有取值包含无法保存的字符。'),
      );
    case '40001':
    case '40P01':
      return problem.conflict(
        l(
          'Another change to the same record happened at the same time. Try again.',
          '同一记录正被同时修改，请重试。',
        ),
      );
    default:
      return null;
  }
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** The field a constraint guards, from its name: posts_unit_id_fkey on posts → unitId. */
function constraintField({ constraint, table }: PgError): string {
  if (!constraint) return '(record)';
  let name = constraint.replace(/_(key|fkey|check|idx)$/, '');
  if (table && name.startsWith(`${table}_`)) name = name.slice(table.length + 1);
  return camel(name);
}

export function toProblem(err: unknown): Problem | null {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return problem.tooLarge('1 MB');
    if (err.status === 400 && /json/i.test(err.message))
      return problem.validation(
        [{ path: '(body)', message: 'malformed JSON', in: 'body' }],
        'The body is not valid JSON.',
      );
    if (err.status >= 400 && err.status < 500) {
      return new Problem(
        err.status as ContentfulStatusCode,
        'http',
        err.message || 'Bad request',
        err.message,
      );
    }
    return null;
  }
  if (err && typeof err === 'object' && 'code' in err) return databaseProblem(err as PgError);
  return null;
}

/** The reader's language: the signed-in person's choice, else the browser's (Chinese or English). */
function readerLocale(c: Context): Locale {
  const person = c.get('person') as { locale?: Locale } | null | undefined;
  if (person?.locale) return person.locale;
  const accept = c.req.header('Accept-Language') ?? '';
  return /^\s*zh/i.test(accept) ? 'zh-CN' : 'en';
}

export function problemResponse(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p.render(readerLocale(c))), p.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    ...p.headers,
  });
}
