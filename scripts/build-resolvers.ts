/** Writes every resolver and pipeline-function bundle to build/resolvers/ — the files AppSync receives. */
import { writeResolverBundles } from '../infra/resolver-bundles';

const written = await writeResolverBundles();
console.log(`wrote ${written.length} bundles to build/resolvers/`);
