/**
 * Vite plugin for the installable app: PNG icons rendered from `public/icon.svg` with sharp, and
 * the service worker compiled from `src/service-worker.ts` with esbuild, told the list of files the
 * build produced (the app shell) and a version derived from them.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import sharp from 'sharp';
import type { Plugin } from 'vite';

export function pwa(webDir: string): Plugin {
  return {
    name: 'mediagraph-pwa',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const svg = await readFile(path.join(webDir, 'public', 'icon.svg'));
      for (const size of [192, 512]) {
        this.emitFile({ type: 'asset', fileName: `icon-${size}.png`, source: await sharp(svg, { density: 300 }).resize(size, size).png().toBuffer() });
      }
      // Maskable: the artwork inside the central 80% safe zone, on the theme colour.
      const inner = await sharp(svg, { density: 300 }).resize(384, 384).png().toBuffer();
      this.emitFile({
        type: 'asset',
        fileName: 'icon-maskable-512.png',
        source: await sharp({ create: { width: 512, height: 512, channels: 4, background: '#4f46e5' } }).composite([{ input: inner, left: 64, top: 64 }]).png().toBuffer(),
      });
      const files = [...Object.keys(bundle), 'icon-192.png', 'icon-512.png', 'icon.svg', 'manifest.webmanifest']
        .filter((file) => !file.endsWith('.map') && file !== 'index.html')
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const worker = await build({
        entryPoints: [path.join(webDir, 'src', 'service-worker.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2020',
        minify: true,
        define: { __SHELL_FILES__: JSON.stringify(files), __SHELL_VERSION__: JSON.stringify(version) },
        logLevel: 'silent',
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: worker.outputFiles[0]?.text ?? '' });
    },
  };
}
