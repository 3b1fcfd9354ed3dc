// The web app's JavaScript as a reader's browser receives it: what index.html loads before the first screen
// (its module script and the chunks it modulepreloads) and all the chunks together, each gzipped at level 9.
// `npm run web:size` prints one markdown line after `npm run build`; `npm run bench` runs it too.
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const gzipBytes = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The first-load JavaScript of the web app built into `distDir` (dist/web), in gzip -9 bytes. */
export function firstLoadJs(distDir = 'dist/web') {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const hrefs = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const attr = (name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`))?.[1];
    if (tag.startsWith('<script') && attr('type') === 'module' && attr('src')) hrefs.push(attr('src'));
    else if (tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href'))
      hrefs.push(attr('href'));
  }
  const files = [...new Set(hrefs)].map((href) => {
    const path = new URL(href, 'http://app/').pathname;
    return { path, gzipBytes: gzipBytes(join(distDir, path)) };
  });
  const assets = join(distDir, 'assets');
  const chunks = readdirSync(assets).filter((name) => name.endsWith('.js'));
  return {
    firstLoadGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    files,
    totalGzipBytes: chunks.reduce((sum, name) => sum + gzipBytes(join(assets, name)), 0),
    chunkCount: chunks.length,
  };
}

// kB as Vite's build report counts them (1,000 bytes).
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const dist = resolve(import.meta.dirname, '../dist/web');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('The web app is not built: run `npm run build` first.');
    process.exit(1);
  }
  const size = firstLoadJs(dist);
  // Figures for `npm run bench` (bench/run/jobs.ts) when it runs this script.
  if (process.env.BENCH_JSON)
    appendFileSync(
      process.env.BENCH_JSON,
      `${JSON.stringify({ case: 'web first-load JS (gzip -9)', firstLoadGzipBytes: size.firstLoadGzipBytes, totalGzipBytes: size.totalGzipBytes, chunks: size.chunkCount })}\n`,
    );
  console.log(
    `Web first-load JS: **${kb(size.firstLoadGzipBytes)}** gzip -9 (${size.files.map((f) => f.path.replace(/^\/assets\//, '')).join(' + ')}); all ${size.chunkCount} chunks ${kb(size.totalGzipBytes)}.`,
  );
}
