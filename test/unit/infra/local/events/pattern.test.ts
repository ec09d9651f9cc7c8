/**
 * Event patterns against AWS's documented examples. Each case names the page (and section) it
 * comes from; where a page shows only the pattern and says what it matches, the events are the
 * ones its text describes. Cases marked "recorded" were recorded against AWS by localstack
 * (tests/aws/services/events/event_pattern_templates, snapshot test_events_patterns.snapshot.json).
 */
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, compileEventPattern, matchesEventPattern, testEventPattern } from '../../../../../infra/local/events/pattern';

const PATTERNS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html';
const OPERATORS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html';
const ARRAYS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html';
const NULLS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html';
const SYNTAX = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html';
const RULER = 'https://github.com/aws/event-ruler (README: the engine EventBridge runs)';
const RECORDED = 'recorded against AWS (localstack event_pattern_templates)';

interface PatternCase {
  readonly source: string;
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly matches: readonly Record<string, unknown>[];
  readonly misses: readonly Record<string, unknown>[];
}

/** The EC2 event at the top of the event patterns page. */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

/** The event of event-ruler's README (EventBridge's engine), used by the operator examples. */
const rulerEvent = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
};

/** The event of the null values page. */
const nullsEvent = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

const detail = (fields: Record<string, unknown>) => ({ ...rulerEvent, detail: fields });

const cases: PatternCase[] = [
  {
    source: PATTERNS,
    name: 'source, detail-type and detail.state select EC2 terminations; other fields are ignored',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
    matches: [ec2Event],
    misses: [{ ...ec2Event, detail: { ...ec2Event.detail, state: 'running' } }, { ...ec2Event, source: 'aws.fargate' }, { ...ec2Event, detail: {} }],
  },
  {
    source: `${SYNTAX} (Matching event values)`,
    name: 'a value array is OR: aws.ec2 or aws.fargate',
    pattern: { source: ['aws.ec2', 'aws.fargate'] },
    matches: [ec2Event, { ...ec2Event, source: 'aws.fargate' }],
    misses: [{ ...ec2Event, source: 'aws.ecs' }],
  },
  {
    source: `${PATTERNS} (Considerations: matching is exact, case-sensitive, no normalisation)`,
    name: 'matching is character by character',
    pattern: { source: ['aws.ec2'] },
    matches: [ec2Event],
    misses: [{ ...ec2Event, source: 'AWS.EC2' }, { ...ec2Event, source: 'aws.ec2 ' }],
  },
  {
    source: `${PATTERNS} (Considerations: the event must contain every field the pattern names, same nesting)`,
    name: 'a field in the pattern but not in the event fails the match',
    pattern: { detail: { 'instance-id': ['i-1234567890abcdef0'] } },
    matches: [ec2Event],
    misses: [{ ...ec2Event, 'instance-id': 'i-1234567890abcdef0', detail: { state: 'terminated' } }],
  },
  {
    source: ARRAYS,
    name: 'an event array matches when it intersects the pattern array',
    pattern: {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    matches: [
      {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      },
    ],
    misses: [{ resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] }, { resources: [] }],
  },
  {
    source: `${NULLS}; empty array: ${RECORDED} arrays_empty_null_NEG`,
    name: 'an empty string matches only an empty string',
    pattern: { detail: { eventVersion: [''] } },
    matches: [nullsEvent],
    misses: [{ ...nullsEvent, detail: { eventVersion: null } }, { ...nullsEvent, detail: {} }],
  },
  {
    source: NULLS,
    name: 'null matches only null ("null values and empty strings are not interchangeable")',
    pattern: { detail: { responseElements: [null] } },
    matches: [nullsEvent],
    misses: [{ ...nullsEvent, detail: { responseElements: '' } }, { ...nullsEvent, detail: { responseElements: 'null' } }],
  },
  {
    source: `${RECORDED} arrays_empty_null_NEG`,
    name: '[null] does not match an empty array',
    pattern: { resources: [null] },
    matches: [],
    misses: [nullsEvent],
  },
  {
    source: `${OPERATORS} (summary: And)`,
    name: 'fields are ANDed',
    pattern: { Location: ['New York'], Day: ['Monday'] },
    matches: [{ Location: 'New York', Day: 'Monday' }],
    misses: [{ Location: 'New York', Day: 'Tuesday' }, { Location: 'Boston', Day: 'Monday' }],
  },
  {
    source: `${OPERATORS} (summary: Equals, Empty, Null, Numeric equals)`,
    name: 'exact values: strings, empty string, null, numbers',
    pattern: { Name: ['Alice'], LastName: [''], UserID: [null], Price: [100] },
    matches: [{ Name: 'Alice', LastName: '', UserID: null, Price: 100 }],
    misses: [{ Name: 'alice', LastName: '', UserID: null, Price: 100 }, { Name: 'Alice', LastName: '', UserID: null, Price: '100' }],
  },
  {
    source: `${RECORDED} number_comparison_float, boolean`,
    name: 'numbers match by value (300.0 equals 300) and booleans by identity',
    pattern: { number: [300], flag: [true] },
    matches: [{ number: 300.0, flag: true }, { number: 3.0e2, flag: true }],
    misses: [{ number: 300, flag: 'true' }, { number: 300.5, flag: true }],
  },
  {
    source: `${OPERATORS}#eb-filtering-prefix-matching`,
    name: 'prefix: "time" starting with 2017-10-02',
    pattern: { time: [{ prefix: '2017-10-02' }] },
    matches: [{ time: '2017-10-02T18:43:48Z' }],
    misses: [{ time: '2017-10-03T18:43:48Z' }, { time: 20171002 }],
  },
  {
    source: `${OPERATORS} (summary: Begins with)`,
    name: 'prefix: Region is in the US',
    pattern: { Region: [{ prefix: 'us-' }] },
    matches: [{ Region: 'us-east-1' }],
    misses: [{ Region: 'eu-west-1' }, { Region: 'US-EAST-1' }],
  },
  {
    source: `${OPERATORS} (Prefix matching while ignoring case)`,
    name: 'prefix equals-ignore-case: service starts with EventB in any case',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    matches: [detail({ service: 'EventBridge' }), detail({ service: 'EVENTBRIDGE' }), detail({ service: 'eventb' })],
    misses: [detail({ service: 'Event' }), detail({ service: 'SEventBridge' })],
  },
  {
    source: `${OPERATORS} (Suffix matching)`,
    name: 'suffix: FileName ends with .png',
    pattern: { FileName: [{ suffix: '.png' }] },
    matches: [{ FileName: 'image.png' }],
    misses: [{ FileName: 'image.PNG' }, { FileName: 'image.png.txt' }],
  },
  {
    source: `${OPERATORS} (Suffix matching while ignoring case)`,
    name: 'suffix equals-ignore-case: .png, .PNG, .Png',
    pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    matches: [detail({ FileName: 'a.png' }), detail({ FileName: 'a.PNG' }), detail({ FileName: 'a.Png' })],
    misses: [detail({ FileName: 'a.jpg' })],
  },
  {
    source: `${OPERATORS} (summary: Ends with (ignore case))`,
    name: 'suffix equals-ignore-case: service ends with tbridge',
    pattern: { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] },
    matches: [{ service: 'EventBridge' }, { service: 'EVENTBRIDGE' }],
    misses: [{ service: 'EventBus' }],
  },
  {
    source: `${OPERATORS} (Equals-ignore-case matching)`,
    name: 'equals-ignore-case on detail-type',
    pattern: { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    matches: [ec2Event, { ...ec2Event, 'detail-type': 'EC2 INSTANCE STATE-CHANGE NOTIFICATION' }],
    misses: [{ ...ec2Event, 'detail-type': 'EC2 Instance State-change' }],
  },
  {
    source: `${OPERATORS} (summary: Equals (ignore case)); empty value: ${RECORDED} content_ignorecase_empty`,
    name: 'equals-ignore-case: Name is alice in any case; "" matches ""',
    pattern: { Name: [{ 'equals-ignore-case': 'alice' }], Empty: [{ 'equals-ignore-case': '' }] },
    matches: [{ Name: 'Alice', Empty: '' }, { Name: 'ALICE', Empty: '' }],
    misses: [{ Name: 'Alicia', Empty: '' }, { Name: 'Alice', Empty: 'x' }],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but; null: ${RECORDED} content_anything_but_string_null, missing: content_anything_but_string_missing_NEG`,
    name: 'anything-but a string: any state but initializing (null counts as another value; absence does not)',
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    matches: [detail({ state: 'running' }), detail({ state: null }), detail({ state: ['initializing', 'running'] })],
    misses: [detail({ state: 'initializing' }), detail({})],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but; zero: ${RECORDED} content_anything_but_number_zero`,
    name: 'anything-but a number',
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    matches: [detail({ 'x-limit': 301.8 }), detail({ 'x-limit': 0 })],
    misses: [detail({ 'x-limit': 123 }), detail({ 'x-limit': 123.0 })],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but`,
    name: 'anything-but a list of strings',
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    matches: [detail({ state: 'running' })],
    misses: [detail({ state: 'stopped' }), detail({ state: 'overloaded' })],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but`,
    name: 'anything-but a list of numbers',
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    matches: [detail({ 'x-limit': 301.8 }), detail({ 'x-limit': 150 })],
    misses: [detail({ 'x-limit': 100 }), detail({ 'x-limit': 300 })],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but-prefix; number: ${RECORDED} content_anything_prefix_int_value`,
    name: 'anything-but prefix: state not starting with init (a number is not excluded)',
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    matches: [detail({ state: 'running' }), detail({ state: 12 })],
    misses: [detail({ state: 'initializing' }), detail({})],
  },
  {
    source: `${OPERATORS} (summary: Anything-but (begins with)); list: ${RECORDED} content_anything_prefix_list`,
    name: 'anything-but prefix: Region not in the US; a list of prefixes',
    pattern: { Region: [{ 'anything-but': { prefix: 'us-' } }], Zone: [{ 'anything-but': { prefix: ['us-', 'ca-'] } }] },
    matches: [{ Region: 'eu-west-1', Zone: 'eu-west-1a' }],
    misses: [{ Region: 'us-east-1', Zone: 'eu-west-1a' }, { Region: 'eu-west-1', Zone: 'ca-central-1a' }],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but-suffix`,
    name: 'anything-but suffix: FileName not ending with .png / .txt',
    pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }], Other: [{ 'anything-but': { suffix: ['.txt', '.md'] } }] },
    matches: [{ FileName: 'a.jpg', Other: 'b.json' }],
    misses: [{ FileName: 'a.png', Other: 'b.json' }, { FileName: 'a.jpg', Other: 'README.md' }],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but-ignore-case`,
    name: 'anything-but equals-ignore-case: any state but initializing in any casing; a list',
    pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }], phase: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'Overloaded'] } }] },
    matches: [{ state: 'running', phase: 'running' }],
    misses: [{ state: 'INITIALIZING', phase: 'running' }, { state: 'running', phase: 'OVERLOADED' }],
  },
  {
    source: `${OPERATORS}#eb-filtering-anything-but-wildcard; number: ${RECORDED} content_anything_wildcard_int`,
    name: 'anything-but wildcard: FilePath not including /lib/; a list of wildcards',
    pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }], Other: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] },
    matches: [{ FilePath: 'dir/src/file', Other: 'dir/src/file' }, { FilePath: 123, Other: 'x' }],
    misses: [{ FilePath: 'dir/lib/file', Other: 'x' }, { FilePath: 'x', Other: 'dir/bin/file' }],
  },
  {
    source: `${OPERATORS}#filtering-numeric-matching`,
    name: 'numeric: every condition must hold',
    pattern: {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    matches: [rulerEvent],
    misses: [
      detail({ 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 }),
      detail({ 'c-count': 6, 'd-count': 3, 'x-limit': 301.8 }),
      detail({ 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 }),
      detail({ 'c-count': 5, 'd-count': 3, 'x-limit': 301.9 }),
      detail({ 'c-count': '5', 'd-count': 3, 'x-limit': 301.8 }),
    ],
  },
  {
    source: `${OPERATORS} (summary: Numeric (range)); ${RECORDED} numeric-int-float, numeric-string_NEG`,
    name: 'numeric range: Price more than 10 and at most 20; numbers only',
    pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] },
    matches: [{ Price: 20 }, { Price: 10.000001 }, { Price: [5, 15] }],
    misses: [{ Price: 10 }, { Price: 20.5 }, { Price: '15' }, { Price: null }],
  },
  {
    source: `${OPERATORS}#eb-filtering-ip-matching`,
    name: 'cidr: an IPv4 address in 10.0.0.0/24',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    matches: [detail({ sourceIPAddress: '10.0.0.0' }), detail({ sourceIPAddress: '10.0.0.255' })],
    misses: [detail({ sourceIPAddress: '10.0.1.0' }), detail({ sourceIPAddress: 'not an ip' }), detail({ sourceIPAddress: 123 })],
  },
  {
    source: `${OPERATORS}#eb-filtering-ip-matching; ${RECORDED} content_ip_address_v6(_NEG)`,
    name: 'cidr: an IPv6 address in 2001:db8:1234:1a00::/64',
    pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } },
    matches: [detail({ sourceIPAddress: '2001:0db8:1234:1a00:0000:0000:0000:0000' }), detail({ sourceIPAddress: '2001:db8:1234:1a00:ffff::1' })],
    misses: [detail({ sourceIPAddress: '2001:0db8:123f:1a01:0000:0000:0000:0000' }), detail({ sourceIPAddress: '10.0.0.1' })],
  },
  {
    source: `${RULER} (Complex example: source-ip with cidr 10.0.0.0/8)`,
    name: 'the README event is in 10.0.0.0/8',
    pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } },
    matches: [rulerEvent],
    misses: [detail({ 'source-ip': '11.0.0.1' })],
  },
  {
    source: `${OPERATORS}#eb-filtering-exists-matching`,
    name: 'exists true: detail.c-count is present (as a leaf)',
    pattern: { detail: { 'c-count': [{ exists: true }] } },
    matches: [rulerEvent, detail({ 'c-count': null })],
    misses: [detail({ state: 'running' }), detail({ 'c-count': { c1: 100 } })],
  },
  {
    source: `${OPERATORS}#eb-filtering-exists-matching`,
    name: 'exists false: no detail.c-count, or c-count is not a leaf',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    matches: [
      { 'detail-type': ['EC2 Instance State-change Notification'], resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'], detail: { state: ['initializing', 'running'] } },
      {
        'detail-type': ['EC2 Instance State-change Notification'],
        resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
        detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } },
      },
    ],
    misses: [rulerEvent],
  },
  {
    source: `${RECORDED} exists_list_empty_NEG, list_within_dict`,
    name: 'exists true: an empty array is not a value; an array of objects matches element by element',
    pattern: { resources: [{ exists: true }], detail: { automations: { id: [{ exists: true }] } } },
    matches: [{ resources: ['r'], detail: { automations: [{ key1: 'value1' }, { id: 'match-does-exist' }] } }],
    misses: [{ resources: [], detail: { automations: [{ id: 'x' }] } }, { resources: ['r'], detail: { automations: [{ key1: 'value1' }] } }],
  },
  {
    source: `${OPERATORS}#eb-filtering-wildcard-matching`,
    name: 'wildcard: any event bus ARN in us-east-1',
    pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    matches: [{ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' }],
    misses: [{ EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/myEventBus' }],
  },
  {
    source: `${OPERATORS} (summary: Wildcard); ${RECORDED} content_wildcard_repeating, content_wildcard_nonrepeating_NEG`,
    name: 'wildcard: any .png file in the folder dir; * spans slashes',
    pattern: { FileName: [{ wildcard: 'dir/*.png' }], Path: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] },
    matches: [{ FileName: 'dir/a.png', Path: '/Users/ls_user/dir/dir/dir/dir/dir/doc.txt' }, { FileName: 'dir/sub/b.png', Path: '/Users/x/dir/dir/dir/dir/dir/doc.txt' }],
    misses: [{ FileName: 'other/a.png', Path: '/Users/x/dir/dir/dir/dir/dir/doc.txt' }, { FileName: 'dir/a.jpg', Path: '/Users/x/dir/dir/dir/dir/dir/doc.txt' }],
  },
  {
    source: `${OPERATORS}#eb-filtering-wildcard-matching (escaping: \\* is a literal *, \\\\ a literal \\)`,
    name: 'wildcard escapes',
    pattern: { a: [{ wildcard: 'x\\*y*' }], b: [{ wildcard: 'c:\\\\*' }] },
    matches: [{ a: 'x*yz', b: 'c:\\temp' }],
    misses: [{ a: 'xAyz', b: 'c:\\temp' }, { a: 'x*yz', b: 'c:/temp' }],
  },
  {
    source: `${OPERATORS} (Complex example with multiple matching)`,
    name: 'prefix, anything-but and numeric together',
    pattern: {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    },
    matches: [rulerEvent],
    misses: [{ ...rulerEvent, time: '2017-10-03T16:24:49Z' }, detail({ ...rulerEvent.detail, 'x-limit': 200 })],
  },
  {
    source: `${OPERATORS} (Complex example with $or matching); ${RECORDED} complex_or`,
    name: '$or: c-count in (0,5] or d-count < 10 or x-limit = 301.8',
    pattern: {
      detail: {
        $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }],
      },
    },
    matches: [detail({ 'c-count': 0, 'd-count': 0, 'x-limit': 9.018e2 }), detail({ 'c-count': 0, 'd-count': 20, 'x-limit': 301.8 })],
    misses: [detail({ 'c-count': 0, 'd-count': 20, 'x-limit': 9.018e2 })],
  },
  {
    source: `${OPERATORS} (summary: Or / Or (multiple fields))`,
    name: 'OR within a field, and $or across fields',
    pattern: { PaymentType: ['Credit', 'Debit'], $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] },
    matches: [{ PaymentType: 'Debit', Location: 'Boston', Day: 'Monday' }, { PaymentType: 'Credit', Location: 'New York', Day: 'Friday' }],
    misses: [{ PaymentType: 'Cash', Location: 'New York', Day: 'Monday' }, { PaymentType: 'Credit', Location: 'Boston', Day: 'Friday' }],
  },
  {
    source: `${RULER} ("Or" has an "And" inside, nested "Or" and "And")`,
    name: 'nested $or with AND inside a branch',
    pattern: {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ['Service'] },
      ],
    },
    matches: [
      { source: 'aws.cloudwatch', metricName: 'ReadLatency' },
      { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 1000 },
      { source: 'aws.cloudwatch', scope: 'Service' },
    ],
    misses: [
      { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 1001 },
      { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 1000 },
      { source: 'aws.ec2', scope: 'Service' },
    ],
  },
  {
    source: `${RULER} (JSON Array Matching: rulesForJSONEvent)`,
    name: 'fields matched together come from the same array element',
    pattern: { employees: { firstName: ['Anna'], lastName: ['Smith'] } },
    matches: [{ employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }] }, { employees: [[{ firstName: 'Anna', lastName: 'Smith' }]] }],
    misses: [{ employees: [{ firstName: 'Anna', lastName: 'Doe' }, { firstName: 'Peter', lastName: 'Smith' }] }],
  },
  {
    source: `${RECORDED} or-exists-parent, or-numeric-anything-but`,
    name: 'entries of one value array are ORed: exists false, anything-but, numeric',
    pattern: {
      dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] }, numericFilter: { N: [{ numeric: ['>', 100] }, { 'anything-but': '101' }] } } },
    },
    matches: [{ dynamodb: { NewImage: { purchased: { N: '789' }, numericFilter: { N: '42' } } } }],
    misses: [{ dynamodb: { NewImage: { homemade: { S: 'roses' }, numericFilter: { N: '42' } } } }, { dynamodb: { NewImage: { numericFilter: { N: '101' } } } }],
  },
  {
    source: `${RECORDED} nested_json_NEG`,
    name: 'a JSON string is not an object',
    pattern: { detail: { 'my-key': ['my-value'] } },
    matches: [{ detail: { 'my-key': 'my-value' } }],
    misses: [{ detail: '{"my-key": "my-value"}' }],
  },
  {
    source: `${OPERATORS} (exact values that are IP addresses are compared as addresses)`,
    name: 'an IP given as a value matches another spelling of the same address',
    pattern: { ip: ['2001:db8::1'] },
    matches: [{ ip: '2001:0db8:0000:0000:0000:0000:0000:0001' }],
    misses: [{ ip: '2001:db8::2' }],
  },
];

describe('Function: matchesEventPattern (AWS documented examples)', () => {
  for (const testCase of cases) {
    describe(`${testCase.name} — ${testCase.source}`, () => {
      const pattern = compileEventPattern(testCase.pattern);
      testCase.matches.forEach((event, index) => {
        it(`matches event #${index + 1}`, () => {
          expect(matchesEventPattern(pattern, event)).toBe(true);
        });
      });
      testCase.misses.forEach((event, index) => {
        it(`does not match event #${index + 1}`, () => {
          expect(matchesEventPattern(pattern, event)).toBe(false);
        });
      });
    });
  }
});

/** Patterns AWS refused, with the reason it gave (recorded; the parser location suffix left out). */
const invalid: readonly { readonly name: string; readonly pattern: unknown; readonly reason: string }[] = [
  { name: 'int_nolist_EXC', pattern: { int: 42 }, reason: '"int" must be an object or an array' },
  { name: 'string_nolist_EXC', pattern: { string: 'my-value' }, reason: '"string" must be an object or an array' },
  { name: 'arrays_empty_EXC', pattern: { resources: [] }, reason: 'Empty arrays are not allowed' },
  { name: 'content_numeric_operatorcasing_EXC', pattern: { detail: { equal: [{ NUMERIC: ['=', 5] }] } }, reason: 'Unrecognized match type NUMERIC' },
  { name: 'operator_case_sensitive_EXC', pattern: { my_key: [{ EXISTS: true }] }, reason: 'Unrecognized match type EXISTS' },
  { name: 'content_numeric_EXC', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '>', 0] }] } }, reason: 'Bad numeric range operator: >' },
  { name: 'content_numeric_syntax_EXC', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<'] }] } }, reason: 'Value of < must be numeric' },
  { name: 'content_wildcard_repeating_star_EXC', pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] }, reason: 'Consecutive wildcard characters at pos 26' },
  { name: 'content_ignorecase_EXC', pattern: { 'detail-type': [{ 'equals-ignore-case': ['ec2 instance state-change notification'] }] }, reason: 'equals-ignore-case match pattern must be a string' },
  { name: 'content_ignorecase_list_EXC', pattern: { 'detail-type': [{ 'equals-ignore-case': { prefix: 'ec2' } }] }, reason: 'equals-ignore-case match pattern must be a string' },
  { name: 'content_ip_address_EXC', pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0' }] } }, reason: "Malformed CIDR, one '/' required" },
  { name: 'content_ip_address_bad_mask_EXC', pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/xx' }] } }, reason: 'Malformed CIDR, mask bits must be an integer' },
  { name: 'content_ip_address_bad_ip_EXC', pattern: { detail: { sourceIPAddress: [{ cidr: 'xx.11.xx/24' }] } }, reason: 'Nonstandard IP address: xx.11.xx' },
  { name: 'content_ip_address_v6_bad_ip_EXC', pattern: { detail: { sourceIPAddress: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] } }, reason: 'Nonstandard IP address: xxxx:db8:1234:1a00::' },
  { name: 'content_ip_address_type_EXC', pattern: { detail: { sourceIPAddress: [{ cidr: ['bad-type'] }] } }, reason: 'prefix match pattern must be a string' },
  { name: 'content_anything_but_ignorecase_EXC', pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 123 } }] } }, reason: 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.' },
  { name: 'content_anything_but_ignorecase_list_EXC', pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': [123, 456] } }] } }, reason: 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.' },
  { name: 'content_wildcard_int_EXC', pattern: { EventBusArn: [{ wildcard: 123 }] }, reason: 'wildcard match pattern must be a string' },
  { name: 'content_wildcard_list_EXC', pattern: { EventBusArn: [{ wildcard: ['arn:aws:events:us-east-1:**:event-bus/*'] }] }, reason: 'wildcard match pattern must be a string' },
  { name: 'content_anything_wildcard_list_type_EXC', pattern: { detail: { state: [{ 'anything-but': { wildcard: [123, '*/dir/*'] } }] } }, reason: 'wildcard match pattern must be a string' },
  { name: 'content_anything_wildcard_type_EXC', pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: 123 } }] } }, reason: 'wildcard match pattern must be a string' },
  { name: 'content_anything_suffix_list_type_EXC', pattern: { detail: { FileName: [{ 'anything-but': { suffix: [123, '.txt'] } }] } }, reason: 'prefix/suffix match pattern must be a string' },
  { name: 'content_anything_suffix_int_EXC', pattern: { detail: { FileName: [{ 'anything-but': { suffix: 123 } }] } }, reason: 'prefix/suffix match pattern must be a string' },
  { name: 'content_anything_prefix_list_type_EXC', pattern: { detail: { state: [{ 'anything-but': { prefix: [123, 'test'] } }] } }, reason: 'prefix/suffix match pattern must be a string' },
  { name: 'content_anything_prefix_int_EXC', pattern: { detail: { state: [{ 'anything-but': { prefix: 123 } }] } }, reason: 'prefix/suffix match pattern must be a string' },
  { name: 'content_prefix_list_EXC', pattern: { time: [{ prefix: ['2022-07-13'] }] }, reason: 'prefix match pattern must be a string' },
  { name: 'content_prefix_int_EXC', pattern: { time: [{ prefix: 123 }] }, reason: 'prefix match pattern must be a string' },
  { name: 'content_suffix_int_EXC', pattern: { FileName: [{ suffix: 123 }] }, reason: 'suffix match pattern must be a string' },
  { name: 'content_suffix_list_EXC', pattern: { FileName: [{ suffix: ['.png'] }] }, reason: 'suffix match pattern must be a string' },
  { name: 'content_anything_prefix_ignorecase_EXC', pattern: { detail: { FileName: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'file' } } }] } }, reason: 'Value of anything-but must be an array or single string/number value.' },
  { name: 'content_anything_suffix_ignorecase_EXC', pattern: { detail: { FileName: [{ 'anything-but': { suffix: { 'equals-ignore-case': '.png' } } }] } }, reason: 'Value of anything-but must be an array or single string/number value.' },
  { name: 'test_invalid_json_event_pattern (not a dict)', pattern: '["not", "a", "dict", "but valid json"]', reason: 'Filter is not an object' },
];

describe('Function: compileEventPattern (InvalidEventPatternException, as AWS answered)', () => {
  for (const { name, pattern, reason } of invalid) {
    it(`refuses ${name} with "${reason}"`, () => {
      // Act
      const compile = () => compileEventPattern(pattern);

      // Assess
      expect(compile).toThrow(InvalidEventPatternError);
      expect(compile).toThrow(`Event pattern is not valid. Reason: ${reason}`);
    });
  }
});

/** Further refusals: the reasons of EventBridge's engine (aws/event-ruler JsonRuleCompiler, CIDR, WildcardParser). */
const engineReasons: readonly { readonly pattern: unknown; readonly reason: string }[] = [
  { pattern: {}, reason: 'Empty objects are not allowed' },
  { pattern: { detail: {} }, reason: 'Empty objects are not allowed' },
  { pattern: { a: [[1]] }, reason: 'Match value must be String, number, true, false, or null' },
  { pattern: { a: [{}] }, reason: 'Match expression name not found' },
  { pattern: { a: [{ prefix: 'x', suffix: 'y' }] }, reason: 'Only one key allowed in match expression' },
  { pattern: { a: [{ regex: 'x' }] }, reason: 'Unrecognized match type regex' },
  { pattern: { a: [{ numeric: 5 }] }, reason: 'Value of numeric must be an array.' },
  { pattern: { a: [{ numeric: [] }] }, reason: 'Invalid member in numeric match: ]' },
  { pattern: { a: [{ numeric: [5] }] }, reason: 'Invalid member in numeric match: 5' },
  { pattern: { a: [{ numeric: ['!=', 5] }] }, reason: 'Unrecognized numeric range operator: !=' },
  { pattern: { a: [{ numeric: ['=', 'five'] }] }, reason: 'Value of equals must be numeric' },
  { pattern: { a: [{ numeric: ['=', 5, 6] }] }, reason: 'Too many elements in numeric expression' },
  { pattern: { a: [{ numeric: ['>', 5, 6] }] }, reason: 'Bad value in numeric range: 6' },
  { pattern: { a: [{ numeric: ['>', 5, '<', 10, 11] }] }, reason: 'Too many terms in numeric range expression' },
  { pattern: { a: [{ numeric: ['>', 10, '<', 5] }] }, reason: 'Bottom must be less than top' },
  { pattern: { a: [{ numeric: ['>=', 5, '<=', 5] }] }, reason: 'Bottom must be less than top' },
  { pattern: { a: [{ numeric: ['>', 6e9] }] }, reason: 'Value must be between -5.0E9 and 5.0E9, inclusive' },
  { pattern: { a: [{ exists: 'yes' }] }, reason: 'exists match pattern must be either true or false.' },
  { pattern: { a: [{ 'anything-but': true }] }, reason: 'Value of anything-but must be an array or single string/number value.' },
  { pattern: { a: [{ 'anything-but': ['x', 1] }] }, reason: 'Inside anything but list, either all values are number or string, mixed type is not supported' },
  { pattern: { a: [{ 'anything-but': [null] }] }, reason: 'Inside anything but list, start|null|boolean is not supported.' },
  { pattern: { a: [{ 'anything-but': {} }] }, reason: 'Anything-But expression name not found' },
  { pattern: { a: [{ 'anything-but': { numeric: ['>', 1] } }] }, reason: 'Unsupported anything-but pattern: numeric' },
  { pattern: { a: [{ 'anything-but': { prefix: '' } }] }, reason: 'Null prefix/suffix not allowed' },
  { pattern: { a: [{ prefix: { 'equals-ignore-case': 1 } }] }, reason: 'equals-ignore-case match pattern must be a string' },
  { pattern: { a: [{ prefix: { wildcard: 'x*' } }] }, reason: 'Unsupported prefix pattern: wildcard' },
  { pattern: { a: [{ suffix: {} }] }, reason: 'Suffix expression name not found' },
  { pattern: { a: [{ wildcard: 'a\\b' }] }, reason: 'Invalid escape character at pos 2' },
  { pattern: { a: [{ cidr: '10.0.0.0/32' }] }, reason: 'IPv4 mask bits must be < 32' },
  { pattern: { a: [{ cidr: '::/128' }] }, reason: 'IPv6 mask bits must be < 128' },
  { pattern: { a: [{ cidr: '10.0.0.0/-1' }] }, reason: 'Malformed CIDR, mask bits must not be negative' },
  { pattern: { $or: { a: ['x'] } }, reason: 'It must be an Array followed with $or.' },
  { pattern: { $or: [{ a: ['x'] }] }, reason: 'There must have at least 2 Objects in $or relationship.' },
  { pattern: { $or: [{ a: ['x'] }, 'b'] }, reason: 'Only JSON object is allowed in array of $or relationship.' },
  { pattern: { $or: [{ numeric: [1] }, { prefix: ['abc'] }] }, reason: 'numeric is Ruler reserved fieldName which cannot be used inside $or.' },
];

describe('Function: compileEventPattern (the engine’s other reasons)', () => {
  for (const { pattern, reason } of engineReasons) {
    it(`refuses ${JSON.stringify(pattern)} with "${reason}"`, () => {
      expect(() => compileEventPattern(pattern)).toThrow(`Event pattern is not valid. Reason: ${reason}`);
    });
  }

  it('reports the error code EventBridge sends on the wire', () => {
    // Act
    let error: unknown;
    try {
      compileEventPattern({ a: 'b' });
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as InvalidEventPatternError).code).toBe('InvalidEventPatternException');
    expect((error as InvalidEventPatternError).reason).toBe('"a" must be an object or an array');
  });

  it('refuses JSON text that does not parse', () => {
    expect(() => compileEventPattern("{'bad': 'quotation'}")).toThrow(InvalidEventPatternError);
  });

  it('accepts a pattern given as JSON text, and keeps it as given', () => {
    // Act
    const pattern = compileEventPattern('{"source": ["aws.s3"]}');

    // Assess
    expect(pattern.source).toEqual({ source: ['aws.s3'] });
    expect(testEventPattern('{"source": ["aws.s3"]}', { source: 'aws.s3' })).toBe(true);
  });
});

describe('Function: matchesEventPattern (engine behaviour kept on purpose)', () => {
  it('starts a CIDR range at the address as written, as aws/event-ruler CIDR.java does', () => {
    // Prepare
    const pattern = compileEventPattern({ ip: [{ cidr: '10.0.0.5/24' }] });

    // Assess
    expect(matchesEventPattern(pattern, { ip: '10.0.0.5' })).toBe(true);
    expect(matchesEventPattern(pattern, { ip: '10.0.0.255' })).toBe(true);
    expect(matchesEventPattern(pattern, { ip: '10.0.0.4' })).toBe(false);
  });

  it('counts wildcard error positions in UTF-8 bytes of the quoted value', () => {
    expect(() => compileEventPattern({ a: [{ wildcard: 'é**' }] })).toThrow('Consecutive wildcard characters at pos 3');
  });
});
