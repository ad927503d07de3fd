import { MEDIA_LIMITS } from './cloud-api-limits.js';
import {
  child,
  httpUrl,
  invalid,
  missing,
  onlyKeys,
  optionalText,
  requiredObject,
  type Fields,
} from './validation-kit.js';

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

const CAPTIONED = new Set<MediaType>(['image', 'video', 'document']);

/**
 * A media object (`image`, `video`, `audio`, `document`, `sticker`) at `fields[key]`: exactly one of
 * `link` (http or https) and `id` (an uploaded media id), a caption of at most 1024 characters for
 * images, videos and documents, a filename for documents. As a message header (`inHeader`) a
 * media object has no caption.
 */
export function checkMedia(fields: Fields, key: MediaType, path: string, inHeader = false): Fields {
  const media = requiredObject(fields, key, path);
  const at = child(path, key);
  const keys = ['id', 'link'];
  if (!inHeader && CAPTIONED.has(key)) keys.push('caption');
  if (key === 'document') keys.push('filename');
  onlyKeys(media, at, keys);
  const link = optionalText(media, 'link', at);
  const id = optionalText(media, 'id', at);
  if (link === undefined && id === undefined) throw missing(`${at}.link or ${at}.id`);
  if (link !== undefined && id !== undefined) throw invalid(at, 'must have either link or id, not both');
  if (link !== undefined) httpUrl(link, child(at, 'link'));
  optionalText(media, 'caption', at, MEDIA_LIMITS.caption);
  optionalText(media, 'filename', at);
  return media;
}
