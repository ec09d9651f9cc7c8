import { describe, expect, it } from 'vitest';
import { autoUlid } from '../../../../../../infra/local/appsync/runtime/identifiers';
import { createInvocationScope, createInvocationState, NoInvocationError } from '../../../../../../infra/local/appsync/runtime/invocation-state';
import { ResolverThrownError } from '../../../../../../infra/local/appsync/runtime/signals';
import { createUtil } from '../../../../../../infra/local/appsync/runtime/util';
import type { AuthMode } from '../../../../../../infra/local/appsync/types';

// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html

function setup(authMode: AuthMode | null = 'AMAZON_COGNITO_USER_POOLS') {
  const scope = createInvocationScope();
  const util = createUtil(scope, { now: () => 1517943695749, random: () => 0.5 });
  const state = createInvocationState({ fieldName: 'getMedia', parentTypeName: 'Query' }, authMode);
  return { scope, util, state, inInvocation: <T>(handler: () => T) => scope.run(state, handler) };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('Function: util.error', () => {
  it('throws a ResolverThrownError carrying message, errorType, data and errorInfo', () => {
    // Prepare
    const { util } = setup();

    // Act
    const error = thrown(() => util.error('Media not found', 'NotFound', { id: 'm1' }, { retry: false }));

    // Assess
    expect(error).toBeInstanceOf(ResolverThrownError);
    expect(error).toMatchObject({ message: 'Media not found', errorType: 'NotFound', data: { id: 'm1' }, errorInfo: { retry: false } });
  });

  it('defaults errorType, data and errorInfo to null', () => {
    const { util } = setup();
    expect(thrown(() => util.error('boom'))).toMatchObject({ message: 'boom', errorType: null, data: null, errorInfo: null });
  });
});

describe('Function: util.unauthorized', () => {
  it('throws AppSync’s Unauthorized error naming the field and type', () => {
    const { inInvocation, util } = setup();
    const error = thrown(() => inInvocation(() => util.unauthorized()));
    expect(error).toBeInstanceOf(ResolverThrownError);
    expect(error).toMatchObject({ message: 'Not Authorized to access getMedia on type Query', errorType: 'Unauthorized' });
  });

  it('needs a running invocation to know the field', () => {
    const { util } = setup();
    expect(() => util.unauthorized()).toThrow(NoInvocationError);
  });
});

describe('Function: util.appendError', () => {
  it('records errors on the invocation and lets the handler go on', () => {
    // Prepare
    const { inInvocation, util, state } = setup();

    // Act
    const result = inInvocation(() => {
      util.appendError('first', 'Partial', { n: 1 });
      util.appendError('second');
      return 'still resolved';
    });

    // Assess
    expect(result).toBe('still resolved');
    expect(state.errors).toEqual([
      { message: 'first', errorType: 'Partial', data: { n: 1 }, errorInfo: null },
      { message: 'second', errorType: null, data: null, errorInfo: null },
    ]);
  });
});

describe('Function: util.authType', () => {
  it.each([
    ['AMAZON_COGNITO_USER_POOLS', 'User Pool Authorization'],
    ['AWS_IAM', 'IAM Authorization'],
    [null, 'API Key Authorization'],
  ] as const)('answers %s with %j', (mode, expected) => {
    const { inInvocation, util } = setup(mode);
    expect(inInvocation(() => util.authType())).toBe(expected);
  });
});

describe('Function: util.http', () => {
  it('copies headers without the restricted ones (documented list)', () => {
    const { util } = setup();
    expect(
      util.http.copyHeaders({ Host: 'h', 'content-length': '3', Connection: 'x', authorization: 'Bearer t', 'x-custom': '1', TE: 'x' }),
    ).toEqual({ authorization: 'Bearer t', 'x-custom': '1' });
  });

  it('adds response headers as in the documented example, the latest definition winning', () => {
    // Prepare
    const { inInvocation, util, state } = setup();

    // Act
    inInvocation(() => {
      util.http.addResponseHeader('itemsCount', 7);
      util.http.addResponseHeader('render', 'full');
      util.http.addResponseHeaders({ headerInt: 12, headerString: 'stringValue', headerObject: { field1: 7, field2: 'string' } });
      util.http.addResponseHeader('ItemsCount', 8);
    });

    // Assess
    expect(state.responseHeaders).toEqual({
      render: 'full',
      headerInt: '12',
      headerString: 'stringValue',
      headerObject: '{"field1":7,"field2":"string"}',
      ItemsCount: '8',
    });
    expect(state.errors).toEqual([]);
  });

  it('ignores restricted, prefixed, empty and null headers and reports a ResponseHeaderError for each', () => {
    const { inInvocation, util, state } = setup();
    inInvocation(() => {
      util.http.addResponseHeader('Content-Type', 'text/plain');
      util.http.addResponseHeader('x-amzn-trace', '1');
      util.http.addResponseHeader('', 'x');
      util.http.addResponseHeader('nothing', null);
    });
    expect(state.responseHeaders).toEqual({});
    expect(state.errors).toHaveLength(4);
    expect(state.errors.every((error) => error.errorType === 'ResponseHeaderError')).toBe(true);
  });

  it('keeps custom response headers within 4 KB', () => {
    const { inInvocation, util, state } = setup();
    inInvocation(() => {
      util.http.addResponseHeader('a', 'x'.repeat(4000));
      util.http.addResponseHeader('b', 'y'.repeat(200));
    });
    expect(Object.keys(state.responseHeaders)).toEqual(['a']);
    expect(state.errors[0]?.message).toMatch(/4 KB/);
  });
});

describe('Function: util.str', () => {
  it('normalizes with each documented form', () => {
    const { util } = setup();
    expect(util.str.normalize('e\u0301', 'nfc')).toBe('\u00e9');
    expect(util.str.normalize('\u00e9', 'nfd')).toBe('e\u0301');
    expect(util.str.normalize('\ufb01', 'nfkc')).toBe('fi');
    expect(util.str.normalize('\u00e9', 'NFKD')).toBe('e\u0301');
    expect(() => util.str.normalize('x', 'nfx')).toThrow(TypeError);
  });

  it('offers VTL’s toUpper/toLower/toReplace', () => {
    const { util } = setup();
    expect(util.str.toUpper('abc')).toBe('ABC');
    expect(util.str.toLower('ÀBC')).toBe('àbc');
    expect(util.str.toReplace('a.b.c', '.', '/')).toBe('a/b/c');
  });
});

describe('Function: util.math', () => {
  it('rounds, picks minimum and maximum', () => {
    const { util } = setup();
    expect(util.math.roundNum(10.2)).toBe(10);
    expect(util.math.roundNum(2.5)).toBe(3);
    expect(util.math.roundNum(-2.5)).toBe(-2);
    expect(util.math.minVal(10.2, 20.5)).toBe(10.2);
    expect(util.math.maxVal(10.2, 20.5)).toBe(20.5);
  });

  it('draws random numbers from the injected source, integers within an inclusive range', () => {
    const { util } = setup();
    expect(util.math.randomDouble()).toBe(0.5);
    expect(util.math.randomWithinRange(1, 10)).toBe(6);
    expect(util.math.randomWithinRange(4, 4)).toBe(4);
    const real = createUtil(createInvocationScope());
    for (let draw = 0; draw < 200; draw += 1) {
      const value = real.math.randomWithinRange(1, 3);
      expect([1, 2, 3]).toContain(value);
    }
  });
});

describe('Function: util (namespaces)', () => {
  it('offers every namespace the typings declare except rds', () => {
    const { util } = setup();
    expect(Object.keys(util).sort()).toEqual(
      [
        'appendError',
        'authType',
        'autoId',
        'autoKsuid',
        'autoUlid',
        'base64Decode',
        'base64Encode',
        'dynamodb',
        'error',
        'escapeJavaScript',
        'http',
        'math',
        'matches',
        'str',
        'time',
        'transform',
        'unauthorized',
        'urlDecode',
        'urlEncode',
        'xml',
      ].sort(),
    );
  });

  it('reads the injected clock in util.time and the id generators', () => {
    const { util } = setup();
    expect(util.time.nowISO8601()).toBe('2018-02-06T19:01:35.749Z');
    expect(util.autoUlid().slice(0, 10)).toBe(autoUlid(1517943695749).slice(0, 10));
    expect(util.autoUlid().slice(0, 10)).not.toBe(autoUlid(1517943695749 + 1).slice(0, 10));
  });
});
