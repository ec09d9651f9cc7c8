/**
 * The exact AI actions a function may call: its declaration names the services (`ai:
 * ['rekognition']`) or single actions (`rekognition:DetectLabels`); for a service, the actions
 * are the commands its code sends to that service's SDK client (module-graph.ts) — so adding a
 * DetectText call to an adapter grants DetectText, and nothing else.
 *
 * These actions take no resource ARN (Rekognition's image operations, Comprehend's real-time
 * Detect* and Transcribe's job operations authorise on `*`), so the statement's resource is `*`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrekognition.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazontranscribe.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncomprehend.html
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';

/** The actions to grant, and declared services the code never calls (likely a mistake). */
export interface AiActions {
  readonly actions: readonly string[];
  readonly unusedServices: readonly string[];
}

/**
 * Resolves a function's `ai` declaration against the SDK commands its code imports.
 * @param declared service names or `service:Action` entries
 * @param sdkCommands commands by client package (`@aws-sdk/client-rekognition` → `DetectLabels`)
 */
export function aiActions(declared: readonly string[], sdkCommands: ReadonlyMap<string, ReadonlySet<string>>): AiActions {
  const actions = new Set<string>();
  const unusedServices: string[] = [];
  for (const entry of declared) {
    if (entry.includes(':')) {
      actions.add(entry);
      continue;
    }
    const commands = sdkCommands.get(`@aws-sdk/client-${entry}`);
    if (!commands || commands.size === 0) {
      unusedServices.push(entry);
      continue;
    }
    commands.forEach((command) => actions.add(`${entry}:${command}`));
  }
  return { actions: [...actions].sort(), unusedServices };
}

/** The statement for `actions` (null when there are none). */
export function aiStatement(actions: readonly string[]): PolicyStatement | null {
  return actions.length === 0 ? null : new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: ['*'] });
}
