/** Test handler: writes through console and straight to stdout. */
export async function handler(event: { tag: string }): Promise<string> {
  console.log('hello from', event.tag);
  console.error('trouble in', event.tag);
  process.stdout.write(`raw line ${event.tag}\n`);
  return event.tag;
}
