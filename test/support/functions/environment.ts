/** Test handler: reports the environment variables it was asked about (null when unset). */
export async function handler(event: { names: string[] }): Promise<Record<string, string | null>> {
  return Object.fromEntries(event.names.map((name) => [name, process.env[name] ?? null]));
}
