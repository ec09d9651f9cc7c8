/** Finds a tag by its path, creating the missing levels (`Trips/2024/Rome` creates what does not exist yet). */
import type { Api } from './client';
import { CREATE_TAG, type TagTreeNode } from './documents';

export async function ensureTagPath(api: Api, roots: readonly TagTreeNode[], path: string): Promise<string> {
  const names = path
    .split('/')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new Error('Type a tag name (use / between levels, e.g. Trips/Rome).');
  let level: readonly TagTreeNode[] = roots;
  let parentId: string | null = null;
  for (const name of names) {
    const existing = level.find((tag) => tag.name.toLowerCase() === name.toLowerCase());
    if (existing) {
      parentId = existing.id;
      level = existing.children;
      continue;
    }
    const created: { id: string } = (await api.request(CREATE_TAG, { input: { name, ...(parentId ? { parentId } : {}) } })).createTag;
    parentId = created.id;
    level = [];
  }
  return parentId!;
}
