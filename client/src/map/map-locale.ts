// MapLibre's own control labels (zoom, compass, attribution, fullscreen…) in the page's language,
// from the `maplibre.*` messages of our dictionaries, as MapLibre's `locale` map option wants them.
import { dictionaryFor, type Lang } from '../i18n/lang';

const PREFIX = 'maplibre.';

export function maplibreLocale(lang: Lang): Record<string, string> {
  return Object.fromEntries(
    Object.entries(dictionaryFor(lang))
      .filter(([key]) => key.startsWith(PREFIX))
      .map(([key, text]) => [key.slice(PREFIX.length), text]),
  );
}
