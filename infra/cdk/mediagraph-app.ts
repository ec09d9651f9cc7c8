/**
 * Builds the CDK app: the Mediagraph stack and cdk-nag's AwsSolutions checks. Shared by the CLI
 * entry (app.ts) and the tests, so both synthesise the same thing with the same feature flags
 * (cdk.json's context). cdk-nag 3 is a CDK policy-validation plugin: a finding that is not
 * acknowledged (with a reason, nag-suppressions.ts) fails `cdk synth`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { projectDeclarations, type MediagraphDeclarations, type ResolverCode } from './declarations';
import { MediagraphStack } from './mediagraph-stack';

export interface MediagraphAppOptions {
  readonly resolverCode: ResolverCode;
  /** @default the project's declarations */
  readonly declarations?: MediagraphDeclarations;
  /** The CLI's app (context from the command line); tests leave it out. */
  readonly app?: App;
  /** Extra context for a test app (e.g. `aws:cdk:bundling-stacks: []` skips bundling). */
  readonly context?: Record<string, unknown>;
  /** @default 'Mediagraph' */
  readonly stackName?: string;
  /** Where a test app writes its cloud assembly. @default a fresh temporary folder */
  readonly outdir?: string;
  /** Run cdk-nag's AwsSolutions checks at synthesis (tests run them with `validateScope`). @default true */
  readonly nag?: boolean;
  /** The built dashboard to deploy. @default web/dist, built when missing */
  readonly dashboardDirectory?: string;
}

export interface MediagraphApp {
  readonly app: App;
  readonly stack: MediagraphStack;
}

/** The stack name, unless `-c stackName=…`. */
export const DEFAULT_STACK_NAME = 'Mediagraph';

/**
 * Creates the app and the stack (nothing is synthesised yet).
 * @returns the app and its one stack
 */
export function createMediagraphApp(options: MediagraphAppOptions): MediagraphApp {
  const declarations = options.declarations ?? projectDeclarations;
  const app =
    options.app ??
    new App({ context: { ...cdkJsonContext(declarations.projectRoot), ...options.context }, ...(options.outdir ? { outdir: options.outdir } : {}) });
  const requestedName: unknown = app.node.tryGetContext('stackName');
  const stackName = options.stackName ?? (typeof requestedName === 'string' && requestedName !== '' ? requestedName : DEFAULT_STACK_NAME);
  const stack = new MediagraphStack(app, stackName, {
    resolverCode: options.resolverCode,
    declarations,
    ...(options.dashboardDirectory ? { dashboardDirectory: options.dashboardDirectory } : {}),
    // Environment-agnostic (no lookups): synthesises offline; `cdk deploy` fills in account and region.
    env: process.env.CDK_DEFAULT_REGION ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } : undefined,
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return { app, stack };
}

/** cdk.json's `context` (feature flags), which the CLI passes to the app and tests must pass too. */
export function cdkJsonContext(projectRoot: string): Record<string, unknown> {
  const file = path.join(projectRoot, 'cdk.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}
