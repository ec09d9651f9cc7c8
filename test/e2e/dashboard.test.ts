/**
 * The dashboard end to end, in Debian's Chromium against the whole local platform (API, object
 * store, bus, ingest and the offline analyzers): sign in, drop two photos, watch both uploads and
 * their processing reach done, see their tags, search by a parent tag, open a detail page, move a
 * tag in the tree, read the analytics, and use it all on a phone-sized screen — without a console
 * error. Screenshots of every page go to test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuilt } from '../../infra/local/web/build';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { loadVisionSample } from '../support/vision-samples';
import { launchBrowser, type TestBrowser } from './browser';

/** Two photos the offline label model files under Animal › Mammal (the cat as a Dog or a Cat: either is a mammal). */
const PHOTOS = [
  { id: 'skimage/horse.png', name: 'horse.png', labels: ['Horse'] },
  { id: 'skimage/chelsea.png', name: 'chelsea.png', labels: ['Cat', 'Dog'] },
] as const;

/** Builds a DataTransfer holding `files` in the page and drops it on the drop zone, as a drag from the desktop does. */
function dropScript(files: { name: string; type: string; base64: string }[]): string {
  return `(() => {
    const transfer = new DataTransfer();
    for (const file of ${JSON.stringify(files)}) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  })()`;
}

describe('Dashboard in Chromium', () => {
  let platform: TestRuntime;
  let browser: TestBrowser;
  let dashboard: string;
  const started = Date.now();

  beforeAll(async () => {
    await ensureDashboardBuilt();
    platform = await startTestRuntime({ retryDelayScale: 1 / 600 });
    dashboard = platform.runtime.dashboardUrl!;
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    console.log(`dashboard e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('signs in with a user name and a role, and shows an empty library', async () => {
    const { page } = browser;
    await page.goto(dashboard);
    await page.getByLabel('User name').fill('e2e-alice');
    await page.getByLabel('Editor').check();
    await browser.screenshot('01-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Library', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Your library is empty').isVisible()).toBe(true);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('e2e-alice');
    await browser.screenshot('02-library-empty');
  });

  it('uploads two dropped photos with progress, follows processing to done, and says why a third file is refused', async () => {
    const { page } = browser;
    const files = await Promise.all(PHOTOS.map(async (photo) => ({ name: photo.name, type: 'image/png', base64: (await loadVisionSample(photo.id)).toString('base64') })));

    // Act: a real drop event carrying both files, then a file the API refuses through the picker.
    const transfer = await page.evaluateHandle(dropScript(files));
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.xyz', mimeType: 'application/x-unknown', buffer: Buffer.from('not media') });

    // Assess: a row per file; the refusal names the reason; both photos reach done.
    await expect.poll(() => page.getByTestId('upload-row').count()).toBe(3);
    const refused = page.locator('[data-testid="upload-row"][data-name="notes.xyz"]');
    await expect.poll(() => refused.getAttribute('data-phase')).toBe('refused');
    expect(await refused.textContent()).toMatch(/Refused: .*(not supported|unsupported)/i);
    await page.locator('[data-testid="upload-row"][data-phase="processing"]').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
    await browser.screenshot('03-uploading');
    for (const photo of PHOTOS) {
      await page.locator(`[data-testid="upload-row"][data-name="${photo.name}"][data-phase="done"]`).waitFor({ timeout: 480_000 });
    }
    expect(await page.locator('[data-testid="upload-row"][data-phase="done"]').count()).toBe(2);
    expect(await page.getByRole('progressbar', { name: /horse\.png: Done/ }).getAttribute('aria-valuenow')).toBe('100');
    await browser.screenshot('04-uploaded');
    // The finished uploads leave the screen when cleared.
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    expect(await page.getByTestId('upload-tray').count()).toBe(0);
  }, 600_000);

  it('shows both items in the library with their auto tags', async () => {
    const { page } = browser;
    const cards = page.getByTestId('media-card');
    await expect.poll(() => cards.count()).toBe(2);
    for (const photo of PHOTOS) {
      const card = cards.filter({ hasText: photo.name });
      await expect.poll(() => card.getAttribute('data-stage'), { timeout: 30_000 }).toBe('analyzed');
      await expect.poll(async () => (await card.locator('.chip').allTextContents()).some((chip) => (photo.labels as readonly string[]).includes(chip)), { timeout: 30_000 }).toBe(true);
    }
    // Thumbnails come from presigned URLs of the object store.
    await expect.poll(() => page.locator('[data-testid="media-card"] img').count(), { timeout: 30_000 }).toBe(2);
    await browser.screenshot('05-library');
  });

  it('finds both by their parent tag Animal', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-tag-Animal').check();
    await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/Any of: Animal — 2 results/);
    const names = await page.getByTestId('media-card').locator('h3').allTextContents();
    expect(names.sort()).toEqual(['chelsea.png', 'horse.png']);
    // AND with a tag only the horse has narrows to the horse.
    await page.getByLabel('All tags (AND)').check();
    await page.getByTestId('search-tag-Animal/Mammal/Horse').check();
    await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/— 1 result$/);
    await browser.screenshot('06-search');
  });

  it('opens a detail page with the image, labels, tags and versions, and adds a tag of the user', async () => {
    const { page } = browser;
    await page.getByTestId('media-card').filter({ hasText: 'horse.png' }).click();
    const detail = page.getByTestId('media-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByRole('heading', { name: 'horse.png', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => detail.locator('img.preview__image').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByTestId('labels').textContent()).toContain('Horse');
    expect(await page.getByTestId('media-tags').textContent()).toContain('Animal › Mammal › Horse');
    expect(await page.getByTestId('versions').textContent()).toContain('Version 1');

    await page.getByPlaceholder('Add a tag, e.g. Trips/Rome').fill('Favourites');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => page.getByTestId('media-tags').textContent()).toContain('Favourites');
    await browser.screenshot('07-detail');
  });

  it('moves a tag in the tree (its subtree follows)', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Tags', exact: true }).click();
    const tree = page.getByTestId('tag-tree');
    await tree.locator('[data-tag-path="Favourites"]').waitFor();
    await page.getByRole('button', { name: 'Move Favourites' }).click();
    await page.getByTestId('move-target').selectOption({ label: 'Animal/Mammal' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText('Moved to Animal/Mammal/Favourites.').waitFor();
    await tree.locator('[data-tag-path="Animal/Mammal/Favourites"]').waitFor();
    expect(await tree.locator('[data-tag-path="Favourites"]').count()).toBe(0);
    await browser.screenshot('08-tags');
  });

  it('charts the library in analytics, and lists people', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await expect.poll(() => page.getByTestId('kpi-items').textContent()).toBe('2');
    for (const chart of ['chart-types', 'chart-status', 'chart-processing', 'chart-storage', 'chart-tags']) {
      expect(await page.getByTestId(chart).locator('svg').count()).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('chart-tags').locator('table').textContent()).toContain('Horse');
    await browser.screenshot('09-analytics');
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'People', exact: true }).isVisible()).toBe(true);
    // The heading shows before the people query answers: wait for the answer (neither photo shows a person).
    await expect.poll(() => page.getByText('No people yet').isVisible()).toBe(true);
    await browser.screenshot('10-people');
  });

  it('works on a phone-sized screen: no sideways scrolling, navigation at the bottom', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await expect.poll(() => page.getByTestId('media-card').count()).toBe(2);
    const overflow = await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    expect(nav!.y).toBeGreaterThan(844 - 120);
    await browser.screenshot('11-phone-library');
    await page.getByTestId('media-card').filter({ hasText: 'chelsea.png' }).click();
    await page.getByTestId('media-detail').waitFor();
    expect(await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await browser.screenshot('12-phone-detail');
  });

  it('is installable (manifest, service worker controlling the app) and keyboard reachable, without console errors', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(await page.evaluate('navigator.serviceWorker.ready.then((r) => Boolean(r.active))')).toBe(true);
    const manifest = (await (await page.request.get(`${dashboard}manifest.webmanifest`)).json()) as { icons: { sizes: string }[]; start_url: string };
    expect(manifest.start_url).toBe('/app/');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // The first Tab reaches the skip link, which moves focus to the content.
    await page.goto(dashboard);
    await page.getByRole('heading', { name: 'Library', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    expect(browser.errors).toEqual([]);
  });
});
