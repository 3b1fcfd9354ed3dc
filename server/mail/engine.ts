/**
 * A small logic-less template language for compiled emails, parsed once per template and process and then
 * filled per recipient (string concatenation, microseconds):
 *   {{path}}              the value, escaped for the part (HTML or plain text)
 *   {{#each path}}…{{/each}}   once per item; inside, names look in the item first, then outwards
 *   {{#if path}}…{{else}}…{{/if}}   non-empty (a list with items, a non-empty string, a number other than 0)
 * There is no unescaped output: user text (a form's problem, a person's name) can never become markup.
 */
export type Fill = (data: unknown) => string;

type Node =
  | { t: 'text'; v: string }
  | { t: 'var'; path: string[] }
  | { t: 'each'; path: string[]; body: Node[] }
  | { t: 'if'; path: string[]; yes: Node[]; no: Node[] };

const TAG = /\{\{\s*([#/]?)(\w+)?\s*([\w.]*)\s*\}\}/g;

function parse(source: string): Node[] {
  const root: Node[] = [];
  const stack: { nodes: Node[]; node?: Node; inElse?: boolean }[] = [{ nodes: root }];
  let last = 0;
  const top = () => stack[stack.length - 1] as { nodes: Node[]; node?: Node; inElse?: boolean };
  const push = (n: Node) => top().nodes.push(n);
  for (const m of source.matchAll(TAG)) {
    if (m.index > last) push({ t: 'text', v: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, word, rest] = m as unknown as [string, string, string | undefined, string];
    if (sigil === '#') {
      const path = rest.split('.').filter(Boolean);
      const node: Node = word === 'each' ? { t: 'each', path, body: [] } : { t: 'if', path, yes: [], no: [] };
      if (word !== 'each' && word !== 'if') throw new Error(`unknown block {{#${word}}}`);
      push(node);
      stack.push({ nodes: node.t === 'each' ? node.body : node.yes, node });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open?.node || (open.node.t === 'each' ? 'each' : 'if') !== word) {
        throw new Error(`{{/${word}}} does not close an open block`);
      }
    } else if (word === 'else' && !rest) {
      const open = top();
      if (open.node?.t !== 'if' || open.inElse) throw new Error('{{else}} outside {{#if}}');
      open.nodes = open.node.no;
      open.inElse = true;
    } else {
      push({ t: 'var', path: [word ?? '', ...rest.split('.').filter(Boolean)].filter(Boolean) });
    }
  }
  if (stack.length > 1) throw new Error('a block is not closed');
  if (last < source.length) push({ t: 'text', v: source.slice(last) });
  return root;
}

function lookup(scopes: unknown[], path: string[]): unknown {
  if (path.length === 1 && path[0] === 'this') return scopes[scopes.length - 1];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (scope !== null && typeof scope === 'object' && (path[0] as string) in scope) {
      let value: unknown = scope;
      for (const key of path) value = (value as Record<string, unknown> | null)?.[key];
      return value;
    }
  }
  return undefined;
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

/** Parses a template once; the returned function fills it. */
export function compile(source: string, escapeValue: (text: string) => string): Fill {
  const nodes = parse(source);
  const run = (list: Node[], scopes: unknown[], out: string[]) => {
    for (const n of list) {
      if (n.t === 'text') out.push(n.v);
      else if (n.t === 'var') {
        const v = lookup(scopes, n.path);
        if (v !== undefined && v !== null) out.push(escapeValue(String(v)));
      } else if (n.t === 'each') {
        const items = lookup(scopes, n.path);
        if (Array.isArray(items)) for (const item of items) run(n.body, [...scopes, item], out);
      } else run(truthy(lookup(scopes, n.path)) ? n.yes : n.no, scopes, out);
    }
  };
  return (data) => {
    const out: string[] = [];
    run(nodes, [data], out);
    return out.join('');
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] as string);
/** Plain text keeps the text, but not line breaks in a subject or a one-line field. */
export const asText = (text: string) => text;
export const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
