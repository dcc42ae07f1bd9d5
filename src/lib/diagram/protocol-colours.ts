/**
 * Each protocol's colour, from content/protocols.yaml: a component that draws protocols sets
 * {@link protocolColours} on its root, and each arrow, swatch or strip reads its protocol's
 * custom property with {@link protocolColour}. A protocol added to the file gets its colour with
 * no code; light-dark() follows the page's color-scheme (the system's, or an embed's theme).
 */
import type { ProtocolInfo } from '$lib/content/types';

/** The custom property that holds a protocol's colour, e.g. `--protocol-t-library`. */
export function protocolProperty(protocol: string): string {
  const slug = protocol
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `--protocol-${slug}`;
}

/**
 * Declarations for a `style` attribute: every protocol's colour as a light-dark() pair, e.g.
 * `--protocol-t-library: light-dark(#6941c6, #b9a4f5)`.
 */
export function protocolColours(protocols: readonly ProtocolInfo[]): string {
  return protocols
    .map((p) => `${protocolProperty(p.id)}: light-dark(${p.colour}, ${p.darkColour})`)
    .join('; ');
}

/**
 * A protocol's colour as a CSS value, under a root that has {@link protocolColours}; `fallback`
 * (a CSS value) for a protocol the content does not colour.
 */
export function protocolColour(protocol: string, fallback = 'currentColor'): string {
  return `var(${protocolProperty(protocol)}, ${fallback})`;
}
