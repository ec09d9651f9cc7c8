/**
 * cdk-nag AwsSolutions findings accepted on purpose. Each acknowledgement sits next to the
 * decision it concerns (in the construct that makes it) and says why the rule does not apply;
 * this module holds the helper, the finding ids, and the acknowledgements on constructs CDK
 * creates on its own (singletons outside ours).
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** An accepted finding: the cdk-nag rule (with its finding, e.g. `AwsSolutions-IAM5[Resource::*]`) and why. */
export interface AcceptedFinding {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Acknowledges finding `id` on `scope` and everything under it. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** cdk-nag's id of an IAM5 finding on a resource ARN with a wildcard, e.g. `<MediaBucketE52FC6E4.Arn>/originals/*`. */
export function wildcardResourceFinding(resource: IConstruct, suffix: string): string {
  const cfn = resource.node.defaultChild;
  if (!CfnResource.isCfnResource(cfn)) {
    throw new Error(`${resource.node.path} has no CloudFormation resource`);
  }
  const logicalId = Stack.of(resource).resolve(cfn.logicalId) as string;
  return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>${suffix}]`;
}

/** Every acknowledgement in the tree under `root` (for tests and reviews). */
export function acceptedFindings(root: IConstruct): AcceptedFinding[] {
  const found: AcceptedFinding[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        continue;
      }
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        // CDK records rule ids without a plugin namespace under its `Annotation::` namespace.
        found.push({ path: construct.node.path, id: id.replace(/^Annotation::/, ''), reason });
      }
    }
  }
  return found;
}

/**
 * Acknowledgements on what CDK adds by itself: the singleton function that turns on the bucket's
 * EventBridge notifications (a custom resource).
 */
export function suppressAcceptedFindings(stack: Stack): void {
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('BucketNotificationsHandler')) {
      acknowledge(
        child,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's own custom resource that enables the bucket's EventBridge notifications at deploy time; it only writes its logs with this policy.",
      );
    }
  }
}
