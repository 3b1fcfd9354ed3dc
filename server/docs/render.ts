/**
 * A readable API reference rendered from the OpenAPI document by the app itself, so it works on networks
 * with no internet access (no Swagger UI from a CDN).
 */
type Json = Record<string, unknown>;

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function schemaText(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== 'object') return '';
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? '';
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if (s.type === 'array') return `array of ${schemaText(s.items, depth)}`;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[key]))
      return (s[key] as unknown[]).map((x) => schemaText(x, depth)).join(key === 'allOf' ? ' & ' : ' | ');
  }
  if (s.type === 'object' && s.properties && depth < 3) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    const rows = Object.entries(s.properties as Record<string, unknown>)
      .map(
        ([name, p]) =>
          `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <b>*</b>' : ''}</td><td>${schemaText(p, depth + 1)}${
            (p as Json).description ? `<div class="d">${esc((p as Json).description)}</div>` : ''
          }</td></tr>`,
      )
      .join('');
    return `<table>${rows}</table>`;
  }
  const type = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'any');
  const format = s.format ? ` (${esc(s.format)})` : '';
  return `${esc(type)}${format}`;
}

export function renderApiDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0] ?? 'other';
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <b>*</b>' : ''}</td><td>${esc(p.in)}</td><td>${schemaText(p.schema)}${
              p.description || (p.schema as Json | undefined)?.description
                ? `<div class="d">${esc(p.description ?? (p.schema as Json).description)}</div>`
                : ''
            }</td></tr>`,
        )
        .join('');
      const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
        .map(([code, r]) => {
          const content = r.content as Record<string, Json> | undefined;
          const schema = content ? Object.values(content)[0]?.schema : undefined;
          return `<li><b>${esc(code)}</b> ${esc(r.description)} ${schema ? schemaText(schema) : ''}</li>`;
        })
        .join('');
      const html = `<section class="op" id="${esc(`${method}-${path}`)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><table>${params}</table>` : ''}
${
  body
    ? `<h4>Body</h4>${Object.entries(body)
        .map(([type, c]) => `<div><code>${esc(type)}</code> ${schemaText(c.schema)}</div>`)
        .join('')}`
    : ''
}
<h4>Responses</h4><ul>${responses}</ul></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const toc = [...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} — API reference</title><style>
body{font:15px/1.5 system-ui,"Noto Sans SC","Microsoft YaHei",sans-serif;max-width:70rem;margin:0 auto;padding:1rem 2rem;color:#1b1f24}
h2{border-bottom:2px solid #1d4ed8;padding-bottom:.2rem;margin-top:2rem}.op{border:1px solid #d0d7de;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem;background:#57606a}
.get{background:#1f6feb}.post{background:#1a7f37}.patch{background:#9a6700}.delete{background:#cf222e}.put{background:#8250df}
table{border-collapse:collapse;margin:.3rem 0}td{border:1px solid #d0d7de;padding:.2rem .5rem;vertical-align:top}.d{color:#57606a;font-size:.85rem}
code{font-family:ui-monospace,Consolas,monospace}a{color:#0550ae}</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p>
<nav>${toc}</nav>
${[...byTag.entries()].map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>${ops.join('')}`).join('')}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas)
  .map(
    ([name, s]) =>
      `<section class="op" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${schemaText(s)}</section>`,
  )
  .join('')}
</body></html>`;
}
