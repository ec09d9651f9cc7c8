import { describe, expect, it } from 'vitest';
import {
  createInvocationState,
  createResolverRuntime,
  EarlyReturnSignal,
  ResolverThrownError,
} from '../../../../../../infra/local/appsync/runtime';

type AnyFunction = (...args: unknown[]) => unknown;
const member = (target: unknown, name: string) => (target as Record<string, AnyFunction>)[name] as AnyFunction;

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('Function: createResolverRuntime', () => {
  it('offers the globals and the two module namespaces the executor hands to resolvers', () => {
    // Act
    const runtime = createResolverRuntime();

    // Assess
    expect(Object.keys(runtime.globals).sort()).toEqual(['extensions', 'runtime', 'util']);
    expect(Object.keys(runtime.modules).sort()).toEqual(['@aws-appsync/utils', '@aws-appsync/utils/dynamodb']);
    const utils = runtime.modules['@aws-appsync/utils'];
    expect(utils?.util).toBe(runtime.globals.util);
    expect(utils?.extensions).toBe(runtime.globals.extensions);
    expect(utils?.runtime).toBe(runtime.globals.runtime);
  });

  it('freezes what it hands out, so a resolver cannot change util for the next one', () => {
    const runtime = createResolverRuntime();
    const util = runtime.globals.util as Record<string, unknown>;
    expect(Object.isFrozen(util)).toBe(true);
    expect(Object.isFrozen(util.time)).toBe(true);
    expect(Object.isFrozen(runtime.modules['@aws-appsync/utils/dynamodb']?.operations)).toBe(true);
    expect(() => {
      'use strict';
      util.autoId = () => 'fixed';
    }).toThrow(TypeError);
  });

  it('runs a handler with its state current and restores the outer state after a nested run, also on throw', () => {
    // Prepare
    const runtime = createResolverRuntime();
    const util = runtime.globals.util;
    const outer = createInvocationState({ fieldName: 'outer', parentTypeName: 'Query' }, 'AWS_IAM');
    const inner = createInvocationState({ fieldName: 'inner', parentTypeName: 'Media' }, null);

    // Act
    const result = runtime.run(outer, () => {
      member(util, 'appendError')('from outer');
      const nested = caught(() => runtime.run(inner, () => member(util, 'unauthorized')()));
      member(util, 'appendError')('from outer again');
      return { nested, authType: member(util, 'authType')() };
    });

    // Assess
    expect(result.nested).toMatchObject({ message: 'Not Authorized to access inner on type Media' });
    expect(result.authType).toBe('IAM Authorization');
    expect(outer.errors.map((error) => error.message)).toEqual(['from outer', 'from outer again']);
    expect(inner.errors).toEqual([]);
    expect(() => member(util, 'authType')()).toThrow(/only be called while a resolver handler runs/);
  });

  it('keeps two runtimes apart', () => {
    const first = createResolverRuntime();
    const second = createResolverRuntime();
    const state = createInvocationState({ fieldName: 'f', parentTypeName: 'Query' }, null);
    expect(() => first.run(state, () => member(second.globals.util, 'authType')())).toThrow(/only be called while/);
  });

  it('signals runtime.earlyReturn with its value and skipTo', () => {
    const runtime = createResolverRuntime();
    const earlyReturn = member(runtime.globals.runtime, 'earlyReturn');
    const withValue = caught(() => earlyReturn({ id: 'm1' }));
    expect(withValue).toBeInstanceOf(EarlyReturnSignal);
    expect(withValue).toMatchObject({ value: { id: 'm1' }, skipTo: null });
    expect(caught(() => earlyReturn(undefined, { skipTo: 'END' }))).toMatchObject({ value: null, skipTo: 'END' });
    expect(caught(() => earlyReturn([], { skipTo: 'NEXT' }))).toMatchObject({ value: [], skipTo: 'NEXT' });
    expect(caught(() => earlyReturn(1, { skipTo: 'LATER' }))).toBeInstanceOf(TypeError);
  });

  it('uses an injected clock', () => {
    const runtime = createResolverRuntime({ now: () => 0 });
    expect(member((runtime.globals.util as Record<string, unknown>).time, 'nowISO8601')()).toBe('1970-01-01T00:00:00.000Z');
  });

  it('throws util.error as ResolverThrownError', () => {
    const runtime = createResolverRuntime();
    expect(caught(() => member(runtime.globals.util, 'error')('no', 'BadRequest'))).toBeInstanceOf(ResolverThrownError);
  });
});
