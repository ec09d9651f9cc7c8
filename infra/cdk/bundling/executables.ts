/**
 * Finds the static Linux executables (ffmpeg, ffprobe) a function ships in its asset. Lambda runs
 * Amazon Linux, so Debian's dynamically linked /usr/bin/ffmpeg will not do: the executable must be
 * a static build for the function's architecture — what ffmpeg-static downloads at install (needs
 * the internet, see NOTES.md) and what @ffprobe-installer ships per platform.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

/** Where each executable is found unless `-c <name>Binary=<path>` says otherwise. */
const defaultSources: Readonly<Record<string, string>> = {
  ffmpeg: 'node_modules/ffmpeg-static/ffmpeg',
  ffprobe: 'node_modules/@ffprobe-installer/linux-x64/ffprobe',
};

/** An executable found (its absolute path), or why none was. */
export type ExecutableSource = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/**
 * Looks for executable `name` for Lambda's x86_64 (the architecture of the static builds npm
 * ships for a linux-x64 build host).
 * @param override a path from the CDK context, if given
 * @returns the path, or the reason it cannot be used
 */
export function findExecutable(projectRoot: string, name: string, override: string | undefined): ExecutableSource {
  const relative = override ?? defaultSources[name];
  if (!relative) {
    return { found: false, reason: `no default location for ${name}; pass -c ${name}Binary=<path>` };
  }
  const file = path.resolve(projectRoot, relative);
  if (!existsSync(file)) {
    return { found: false, reason: `${file} does not exist` };
  }
  const machine = elfMachine(file);
  if (machine !== 'x86_64') {
    return { found: false, reason: `${file} is not a Linux x86_64 executable (${machine})` };
  }
  return { found: true, path: file };
}

/** The ELF header's machine field: `x86_64`, `arm64`, or what else the file is. */
export function elfMachine(file: string): string {
  const header = Buffer.alloc(20);
  const descriptor = openSync(file, 'r');
  try {
    readSync(descriptor, header, 0, 20, 0);
  } finally {
    closeSync(descriptor);
  }
  if (header.readUInt32BE(0) !== 0x7f454c46) {
    return 'not an ELF file';
  }
  // e_machine, little-endian on both Lambda architectures.
  const machine = header.readUInt16LE(18);
  return machine === 0x3e ? 'x86_64' : machine === 0xb7 ? 'arm64' : `ELF machine 0x${machine.toString(16)}`;
}
