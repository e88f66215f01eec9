/**
 * Alertmanager's alert fingerprint: FNV-1a 64 over the label names sorted, each name and value followed
 * by the 0xff separator byte, printed as 16 hex digits (prometheus/common `model.LabelSet.Fingerprint`).
 * Matching it exactly means the demo's fingerprints behave like a real Alertmanager's in the cockpit.
 */

const SEPARATOR_BYTE = 0xff;

function hex4(limb: number): string {
  return limb.toString(16).padStart(4, '0');
}

/** A string's bytes as Go hashes them: UTF-8. Only non-ASCII text (e.g. Chinese values) needs encoding. */
function bytesOf(text: string): string | Buffer {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return Buffer.from(text, 'utf8');
  return text;
}

/** The Alertmanager fingerprint of a label set, e.g. `357878bcd05d26e3`. */
export function alertFingerprint(labels: Readonly<Record<string, string>>): string {
  // The 64-bit state as four 16-bit limbs in locals (least significant first), so multiplying stays exact
  // in float64 and the per-byte loop allocates nothing. Starts at the offset basis 0xcbf29ce484222325.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const name of Object.keys(labels).sort()) {
    for (let part = 0; part < 2; part++) {
      const bytes = bytesOf(part === 0 ? name : (labels[name] ?? ''));
      const ascii = typeof bytes === 'string';
      for (let i = 0; i <= bytes.length; i++) {
        h0 ^= i === bytes.length ? SEPARATOR_BYTE : ascii ? bytes.charCodeAt(i) : (bytes[i] ?? 0);
        // × FNV prime 2^40 + 0x1b3: limbwise × 0x1b3, plus the state shifted up 40 bits (2 limbs + 8 bits).
        const t0 = h0 * 0x1b3;
        let t1 = h1 * 0x1b3;
        let t2 = h2 * 0x1b3 + (h0 << 8);
        const t3 = h3 * 0x1b3 + (h1 << 8);
        t1 += t0 >>> 16;
        t2 += t1 >>> 16;
        h0 = t0 & 0xffff;
        h1 = t1 & 0xffff;
        h2 = t2 & 0xffff;
        h3 = (t3 + (t2 >>> 16)) & 0xffff;
      }
    }
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}
