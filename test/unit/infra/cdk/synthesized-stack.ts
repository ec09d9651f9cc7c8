/**
 * One synthesis of the Mediagraph stack for a test file (bundling skipped, as NOTES.md measured:
 * `aws:cdk:bundling-stacks: []` halves synthesis time; a small dashboard build from fixtures/, so
 * test files never build web/dist with Vite at once), and small readers over the template:
 * CloudFormation intrinsics rendered as `${Logical.Attr}` strings so assertions read like ARNs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { createMediagraphApp } from '../../../../infra/cdk/mediagraph-app';
import type { MediagraphDeclarations } from '../../../../infra/cdk/declarations';
import type { MediagraphStack } from '../../../../infra/cdk/mediagraph-stack';
import { bundleResolvers } from '../../../../infra/resolver-bundles';

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: unknown;
}

export interface SynthesizedStack {
  readonly stack: MediagraphStack;
  readonly template: Template;
  readonly annotations: Annotations;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
  readonly resolverCode: Map<string, { code: string }>;
  /** The cloud assembly's folder (already removed unless `keepAssembly`). */
  readonly outdir: string;
}

/** A folder shaped like a dashboard build (index.html, manifest, a fingerprinted asset). */
export const dashboardFixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'dashboard');

export interface SynthesisOptions {
  readonly declarations?: MediagraphDeclarations;
  readonly context?: Record<string, unknown>;
  /** Keep the cloud assembly (staged assets) for the caller to read, and remove. @default false */
  readonly keepAssembly?: boolean;
}

/** Synthesises the stack once (call in `beforeAll`). */
export async function synthesizeStack(options: SynthesisOptions = {}): Promise<SynthesizedStack> {
  const resolverCode = await bundleResolvers();
  const outdir = mkdtempSync(path.join(tmpdir(), 'mediagraph-cdk-test-'));
  const { stack } = createMediagraphApp({
    resolverCode,
    nag: false,
    outdir,
    dashboardDirectory: dashboardFixture,
    ...(options.declarations ? { declarations: options.declarations } : {}),
    context: { 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  // Bundling is skipped, so no executable is shipped anyway: keep the run's output quiet.
  Validations.of(stack).acknowledge({ id: 'Annotation::mediagraph:executable-missing', reason: 'Tests skip bundling; nothing is shipped.' });
  const template = Template.fromStack(stack);
  const annotations = Annotations.fromStack(stack);
  // The template and annotations are read into memory; the assembly on disk is not needed again.
  if (!options.keepAssembly) rmSync(outdir, { recursive: true, force: true });
  const resources = (template.toJSON() as { Resources: Record<string, CfnResourceJson> }).Resources;
  return { stack, template, annotations, resources, resolverCode, outdir };
}

/** An intrinsic as text: `{Ref: X}` → `${X}`, `{Fn::GetAtt: [X, Arn]}` → `${X.Arn}`, joins concatenated. */
export function render(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') {
      return `\${${object.Ref}}`;
    }
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `\${${getAtt.join('.')}}`;
    }
    const join = object['Fn::Join'];
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map(render).join(separator);
    }
  }
  return String(JSON.stringify(value));
}

/** The logical id of a construct's CloudFormation resource (its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(element instanceof CfnElement)) {
    throw new Error(`${construct.node.path} has no CloudFormation element`);
  }
  return Stack.of(construct).resolve(element.logicalId) as string;
}

export interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Every Allow statement a role holds (inline and attached policies), rendered. */
export function roleStatements(resources: Readonly<Record<string, CfnResourceJson>>, roleLogicalId: string): Statement[] {
  const documents: unknown[] = [];
  const role = resources[roleLogicalId];
  for (const policy of (role?.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []) {
    documents.push(policy.PolicyDocument);
  }
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles as unknown[] | undefined) ?? [];
    if (roles.some((entry) => render(entry) === `\${${roleLogicalId}}`)) {
      documents.push(resource.Properties?.PolicyDocument);
    }
  }
  const statements: Statement[] = [];
  for (const document of documents) {
    for (const statement of (document as { Statement: Record<string, unknown>[] }).Statement) {
      if (statement.Effect !== 'Allow') continue;
      const list = (value: unknown) => (Array.isArray(value) ? value : [value]);
      statements.push({ actions: list(statement.Action).map(render), resources: list(statement.Resource).map(render) });
    }
  }
  return statements;
}

/** Lambda functions by their `mediagraph:function` tag. */
export function functionsByName(resources: Readonly<Record<string, CfnResourceJson>>): Map<string, { logicalId: string; properties: Record<string, unknown> }> {
  const found = new Map<string, { logicalId: string; properties: Record<string, unknown> }>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const tags = (resource.Properties?.Tags as { Key: string; Value: string }[] | undefined) ?? [];
    const tag = tags.find((entry) => entry.Key === 'mediagraph:function');
    if (tag) {
      found.set(tag.Value, { logicalId, properties: resource.Properties ?? {} });
    }
  }
  return found;
}

/** Resources of one type, by logical id. */
export function resourcesOfType(resources: Readonly<Record<string, CfnResourceJson>>, type: string): [string, Record<string, unknown>][] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}
