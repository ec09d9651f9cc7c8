/** Inline SVG icons (no icon font, no CDN); decorative unless given a label. */
import type { MediaType } from '../../../schema/types.generated';

const PATHS = {
  library: 'M4 5h7v7H4zM13 5h7v7h-7zM4 14h7v5H4zM13 14h7v5h-7z',
  search: 'M10.5 4a6.5 6.5 0 1 0 4 11.6l4.2 4.2 1.4-1.4-4.2-4.2A6.5 6.5 0 0 0 10.5 4zm0 2a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9z',
  tag: 'M3 12V4h8l10 10-8 8zM7.5 9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
  people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm7 0a3 3 0 1 0 0-6M2 21c0-4 3-6 7-6s7 2 7 6zm15-6c3 0 5 2 5 6h-4',
  chart: 'M4 20V10h3v10zm6 0V4h3v16zm6 0v-7h3v7z',
  upload: 'M12 3l5 5h-3v6h-4V8H7zM5 17h14v3H5z',
  image: 'M4 5h16v14H4zm2 11h12l-4-5-3 3.5-2-2zM9 10a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
  video: 'M4 6h11v12H4zm12 4l5-3v10l-5-3z',
  audio: 'M9 18V6l10-2v12M9 18a3 3 0 1 1-3-3 3 3 0 0 1 3 3zm10-2a3 3 0 1 1-3-3 3 3 0 0 1 3 3z',
  text: 'M6 3h9l4 4v14H6zm3 7h7M9 13h7M9 16h5',
  close: 'M6 6l12 12M18 6L6 18',
  back: 'M15 5l-7 7 7 7',
  copy: 'M8 8h11v12H8zM5 4h11v3H5v11H5z',
  duplicate: 'M7 7h12v12H7zM4 4h12v2H6v10H4z',
  signout: 'M10 4H4v16h6M14 8l4 4-4 4M18 12H9',
} as const;

export type IconName = keyof typeof PATHS;

const FILLED = new Set<IconName>(['library', 'search', 'tag', 'chart', 'upload', 'image', 'video']);

export function Icon({ name, label, size = 20 }: { name: IconName; label?: string; size?: number }) {
  const filled = FILLED.has(name);
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      className="icon"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth={filled ? 0 : 2}
        strokeLinecap="round"
        strokeLinejoin="round"
        fillRule="evenodd"
      />
    </svg>
  );
}

const TYPE_ICONS: Readonly<Record<MediaType, IconName>> = { IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio', TEXT: 'text' };

export const mediaTypeIcon = (type: MediaType): IconName => TYPE_ICONS[type];
