import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptedFindings } from '../../../../infra/cdk/nag-suppressions';
import { synthesizeStack, type SynthesizedStack } from './synthesized-stack';

describe('cdk-nag AwsSolutions on the Mediagraph stack', () => {
  let synthesized: SynthesizedStack;
  beforeAll(async () => {
    synthesized = await synthesizeStack();
  }, 120_000);

  it('finds nothing that is not acknowledged', () => {
    // Act
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synthesized.stack);

    // Assess
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath ?? resource.resourceLogicalId}`),
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgement a specific reason', () => {
    // Act
    const accepted = acceptedFindings(synthesized.stack).filter((finding) => finding.id.startsWith('AwsSolutions-'));

    // Assess
    expect(accepted.length).toBeGreaterThan(0);
    for (const finding of accepted) {
      expect(finding.reason.length, `${finding.id} at ${finding.path}`).toBeGreaterThan(60);
    }
    // No blanket acknowledgement on the stack itself: each sits on the construct it concerns.
    expect(accepted.filter((finding) => finding.path === synthesized.stack.node.path)).toEqual([]);
  });

  it('acknowledges wildcard resources only for declared bucket prefixes and resource-less AI actions', () => {
    // Act
    const deploymentRole = synthesized.stack.dashboard.shellDeployment.handlerRole.node.path;
    const wildcards = acceptedFindings(synthesized.stack).filter(
      (finding) => finding.id.startsWith('AwsSolutions-IAM5') && !finding.path.startsWith(deploymentRole),
    );

    // Assess
    for (const finding of wildcards) {
      expect(finding.id, finding.path).toMatch(/^AwsSolutions-IAM5\[Resource::(\*|<MediaBucket\w+\.Arn>\/[a-z-]+\/\*)\]$/);
    }
  });

  it("acknowledges the dashboard deployment's wildcards only within the CDK asset bucket and the dashboard bucket", () => {
    // Act
    const deploymentRole = synthesized.stack.dashboard.shellDeployment.handlerRole.node.path;
    const accepted = acceptedFindings(synthesized.stack).filter((finding) => finding.path.startsWith(deploymentRole) && finding.id.startsWith('AwsSolutions-IAM5'));

    // Assess
    expect(accepted.length).toBeGreaterThan(0);
    for (const finding of accepted) {
      expect(finding.id).toMatch(
        /^AwsSolutions-IAM5\[(Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\*|Resource::\*|Resource::<DashboardBucket\w+\.Arn>\/\*|Resource::arn:<AWS::Partition>:s3:::cdk-\w+-assets-<AWS::AccountId>-<AWS::Region>\/\*)\]$/,
      );
    }
  });
});
