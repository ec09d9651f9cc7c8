/**
 * NodejsFunction bundling options from a bundle plan: an ES module for Node 22 built locally by
 * esbuild (no Docker), the AWS SDK bundled at the versions the lock file pins, native packages
 * installed beside it for Lambda's x86_64 Linux, executables copied to `bin/`, local-only packages
 * replaced by a stub.
 */
import { OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LOCAL_ONLY_STUB, type FunctionBundlePlan } from './function-bundle-plan';

/** The bundling options for a planned function. */
export function bundlingOptions(plan: FunctionBundlePlan): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    mainFields: ['module', 'main'],
    // CommonJS packages bundled into an ES module still call require(): give them one.
    banner: "import { createRequire as __mediagraphCreateRequire } from 'node:module'; const require = __mediagraphCreateRequire(import.meta.url);",
    minify: true,
    sourceMap: true,
    // Everything not listed is bundled, the AWS SDK included: the versions the lock file pins and the tests ran.
    externalModules: [...plan.externalModules],
    nodeModules: [...plan.nodeModules],
    ...(plan.stubbedModules.length > 0 ? { esbuildArgs: { '--alias': plan.stubbedModules.map((specifier) => `${specifier}=${LOCAL_ONLY_STUB}`) } } : {}),
    commandHooks: commandHooks(plan),
  };
}

/** Copies executables into `bin/`; pins native installs to Lambda's x86_64 Linux whatever the build host. */
function commandHooks(plan: FunctionBundlePlan): ICommandHooks {
  const found = plan.executables.flatMap((executable) => (executable.source.found ? [{ name: executable.name, file: executable.source.path }] : []));
  return {
    beforeBundling: () => [],
    beforeInstall: (_inputDir, outputDir) =>
      plan.nodeModules.length > 0 ? [`printf 'os=linux\\ncpu=x64\\nlibc=glibc\\n' > "${outputDir}/.npmrc"`] : [],
    afterBundling: (_inputDir, outputDir) =>
      found.length === 0
        ? []
        : [`mkdir -p "${outputDir}/bin"`, ...found.map(({ name, file }) => `cp "${file}" "${outputDir}/bin/${name}" && chmod 755 "${outputDir}/bin/${name}"`)],
  };
}
