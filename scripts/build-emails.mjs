// Compiles the email templates (emails/*.mjml and *.txt, in zh-CN and English) into emails/compiled.json:
// MJML runs here, at build time, once per template and language; the server only fills escaped placeholders
// per recipient. Run by scripts/build.mjs, and before typechecking (the server imports the result).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'emails');
const output = join(dir, 'compiled.json');

const escapeHtml = (text) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch],
  );

const TEXT_FOOTER =
  '\n--\n[[common.footer]]\n{{#if prefsUrl}}[[common.preferencesText]]: {{prefsUrl}}{{else}}[[common.mandatory]]{{/if}}\n';

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether emails/compiled.json is older than any template, partial or string table. */
export function emailsStale() {
  if (!existsSync(output)) return true;
  const sources = readdirSync(dir).filter((f) => f !== 'compiled.json');
  return (
    Math.max(...sources.map((f) => newest(join(dir, f))), statSync(import.meta.filename).mtimeMs) >
    statSync(output).mtimeMs
  );
}

export async function buildEmails() {
  // Loaded only when something is stale: importing MJML costs about half a second of every `npm start`.
  const { default: mjml2html } = await import('mjml');
  const strings = JSON.parse(readFileSync(join(dir, 'strings.json'), 'utf8'));
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.mjml'))
    .map((f) => f.slice(0, -5))
    .sort();
  const compiled = {};
  for (const name of names) {
    compiled[name] = {};
    for (const [locale, table] of Object.entries(strings)) {
      const say = (key, html) => {
        const value = table[key];
        if (value === undefined) throw new Error(`emails/strings.json: ${locale} has no "${key}" (${name})`);
        return html ? escapeHtml(value) : value;
      };
      const fill = (source, html) =>
        source
          .replaceAll('[[@preview]]', say(`${name}.preview`, html))
          .replace(/\[\[([\w.-]+)\]\]/g, (_, key) => say(key, html));
      // Partials are inlined here so their strings are translated with the template's.
      const source = readFileSync(join(dir, `${name}.mjml`), 'utf8').replace(
        /<mj-include path="\.\/partials\/([\w-]+)\.mjml"\s*\/>/g,
        (_, partial) => readFileSync(join(dir, 'partials', `${partial}.mjml`), 'utf8'),
      );
      const filled = fill(source, true).replace('<mjml>', `<mjml lang="${locale}">`);
      const { html, errors } = await mjml2html(filled, {
        validationLevel: 'strict',
        keepComments: false,
      });
      if (errors.length > 0) {
        throw new Error(
          `emails/${name}.mjml (${locale}): ${errors.map((e) => e.formattedMessage).join('; ')}`,
        );
      }
      // MJML drops text between its components: a block marker must sit in <mj-raw> or inside content.
      const blocks = (t) => (t.match(/\{\{[#/][^}]*\}\}|\{\{else\}\}/g) ?? []).join(' ');
      if (blocks(html) !== blocks(filled)) {
        throw new Error(`emails/${name}.mjml: a {{#…}} or {{/…}} was dropped by MJML; put it in <mj-raw>`);
      }
      const text = fill(readFileSync(join(dir, `${name}.txt`), 'utf8') + TEXT_FOOTER, false);
      // Indentation is only bytes on the wire: a digest goes to every accountable person.
      compiled[name][locale] = {
        subject: say(`${name}.subject`, false),
        html: html.replace(/\n\s+/g, '\n'),
        text,
      };
    }
  }
  writeFileSync(output, `${JSON.stringify(compiled)}\n`);
  return names.length;
}

if (import.meta.filename === process.argv[1]) {
  if (!process.argv.includes('--if-stale') || emailsStale()) {
    const started = performance.now();
    const n = await buildEmails();
    console.log(`Compiled ${n} email templates in ${Math.round(performance.now() - started)} ms.`);
  }
}
