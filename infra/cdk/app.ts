/**
 * The CDK app's entry (cdk.json `app`): compiles the resolver bundles — the same bytes the local
 * runtime executes — and builds the stack from the declarations.
 *   npx cdk synth    (or npm run synth): offline, no credentials needed
 *   npx cdk deploy
 */
import { App } from 'aws-cdk-lib';
import { bundleResolvers } from '../resolver-bundles';
import { createMediagraphApp } from './mediagraph-app';

const resolverCode = await bundleResolvers();
const { app } = createMediagraphApp({ resolverCode, app: new App() });
app.synth();
