// Stands in, inside Lambda bundles, for the packages only local-only code loads (functions/adapters/local/,
// imported dynamically when MEDIAGRAPH_RUNTIME=local): see infra/cdk/bundling/module-graph.ts.
// On AWS the composition root picks the aws adapters, so this never runs; if it does, say why loudly.
throw new Error('This package serves only the local runtime and is not part of the Lambda bundle (infra/cdk/bundling/module-graph.ts).');
