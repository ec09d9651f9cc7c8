/**
 * The CDK app's entry (cdk.json `app`): compiles the resolver bundles — the same bytes the local
 * runtime executes — rebuilds the dashboard when it is missing or stale, and builds the stack from
 * the declarations.
 *   npx cdk synth    (or npm run synth): offline, no credentials needed
 *   npx cdk deploy
 */
import { App } from 'aws-cdk-lib';
import { bundleResolvers } from '../resolver-bundles';
import { freshDashboardDirectory } from './dashboard-directory';
import { createMediagraphApp } from './mediagraph-app';

const resolverCode = await bundleResolvers();
const dashboardDirectory = await freshDashboardDirectory((line) => process.stderr.write(`${line}\n`));
const { app } = createMediagraphApp({ resolverCode, dashboardDirectory, app: new App() });
app.synth();
