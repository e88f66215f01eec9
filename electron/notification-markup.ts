/**
 * Notification daemons on Linux (the freedesktop spec's `body-markup`) read a body as a small HTML
 * subset: `<a href>`, `<img>`, `<b>` from alert text would be rendered or fetched. There the text is
 * escaped; macOS and Windows show bodies as plain text and would display the entities literally.
 */
export function notificationBody(text: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return text;
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
