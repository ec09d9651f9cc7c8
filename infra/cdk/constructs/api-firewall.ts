/**
 * A WAF web ACL in front of the GraphQL API: a rate-based rule blocks a client (source IP) that
 * sends more than the allowed requests in five minutes, until its rate falls back under the limit.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/WAF-Integration.html
 */
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  readonly api: IGraphqlApi;
  /** Requests one IP may send per five-minute window. */
  readonly requestsPerClientPerFiveMinutes: number;
}

/** The web ACL and its association with the API. */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Mediagraph GraphQL API: rate limit per client',
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'MediagraphApi', sampledRequestsEnabled: true },
      rules: [
        {
          name: 'RateLimitPerClient',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.requestsPerClientPerFiveMinutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'MediagraphApiRateLimit', sampledRequestsEnabled: true },
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.api.arn, webAclArn: this.webAcl.attrArn });
  }
}
