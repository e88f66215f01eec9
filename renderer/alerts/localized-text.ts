import type { Alert } from '../../src/domain/index.js';
import type { Language } from '../i18n/messages';
import { plainText } from '../ui/untrusted-text';

/**
 * Many teams write alert texts in both languages, the Chinese ones in `summary_zh` / `description_zh`
 * annotations (the demo estate does too). Show the reader's language when the alert carries it.
 */
export function localizedText(
  alert: Pick<Alert, 'summary' | 'description' | 'annotations'>,
  field: 'summary' | 'description',
  language: Language,
): string {
  if (language === 'zh-CN') {
    const chinese = alert.annotations[`${field}_zh`]?.trim();
    if (chinese) return plainText(chinese);
  }
  return plainText(alert[field]);
}
