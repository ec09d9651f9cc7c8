/**
 * npm packages that cannot simply be bundled into a Lambda function by esbuild, and what to do
 * with each. Everything not listed here is bundled (the AWS SDK included, at the versions the
 * lock file pins and the tests ran).
 */

/** How a package reaches the function. */
export type PackageKind =
  /**
   * Native code for one platform (a `.node` addon and its libraries): installed next to the bundle
   * by `npm ci` on the build machine (`nodeModules`), so the function takes the build machine's
   * architecture — x86_64 from a linux-x64 host.
   */
  | { readonly kind: 'native' }
  /**
   * A static executable the package downloads or ships: copied to `bin/` in the asset and named by
   * an environment variable the code reads (functions/core/media/binaries.ts).
   */
  | { readonly kind: 'executable'; readonly name: string; readonly environmentVariable: string };

/** The packages the functions use that need more than bundling. */
export const packageKinds: Readonly<Record<string, PackageKind>> = {
  sharp: { kind: 'native' },
  'onnxruntime-node': { kind: 'native' },
  '@tensorflow/tfjs-node': { kind: 'native' },
  // Loads its .wasm files from its own folder at run time.
  '@tensorflow/tfjs-backend-wasm': { kind: 'native' },
  'ffmpeg-static': { kind: 'executable', name: 'ffmpeg', environmentVariable: 'FFMPEG_BIN' },
  '@ffprobe-installer/ffprobe': { kind: 'executable', name: 'ffprobe', environmentVariable: 'FFPROBE_BIN' },
};
