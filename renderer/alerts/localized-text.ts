import type { Alert } from '../../src/domain/index.js';
import { textIn } from '../../src/domain/values.js';
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

/**
 * The alert's service as people call it: the configured title in this language (支付核心 on a zh-CN
 * screen), with the id beside it when they differ; the id alone when there is no title.
 */
export function serviceName(
  alert: Pick<Alert, 'service' | 'serviceTitle'>,
  language: Language,
): Readonly<{ name: string | undefined; id: string | undefined }> {
  const id = plainText(alert.service);
  const title = plainText(textIn(alert.serviceTitle, language));
  if (!title || title === id) return { name: id, id: undefined };
  return { name: title, id };
}
