import { describe, expect, it } from 'vitest';
import { protocolColour, protocolColours, protocolProperty } from '$lib/diagram/protocol-colours';
import { realContent } from '../../fixtures/content';

describe('protocol-colours', () => {
  describe('protocolProperty', () => {
    it('does name one custom property per protocol, from its id', () => {
      expect(protocolProperty('T-Library')).toBe('--protocol-t-library');
      expect(protocolProperty('Interaction Management')).toBe('--protocol-interaction-management');
      expect(protocolProperty('ESP')).toBe('--protocol-esp');
      expect(protocolProperty('  Odd / name 2 ')).toBe('--protocol-odd-name-2');
      const ids = realContent.protocols.map((p) => protocolProperty(p.id));
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('protocolColours', () => {
    it('does give every protocol of the content its light and dark colour', () => {
      const style = protocolColours(realContent.protocols);
      const declarations = style.split('; ');
      expect(declarations).toHaveLength(realContent.protocols.length);
      for (const p of realContent.protocols) {
        expect(declarations).toContain(
          `${protocolProperty(p.id)}: light-dark(${p.colour}, ${p.darkColour})`
        );
      }
      // A protocol added to protocols.yaml is coloured with no code: ESP is one.
      expect(style).toMatch(/--protocol-esp: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)/i);
      expect(protocolColours([])).toBe('');
    });
  });

  describe('protocolColour', () => {
    it('does read the protocol’s property, with a fallback for one the content lacks', () => {
      expect(protocolColour('Reporting')).toBe('var(--protocol-reporting, currentColor)');
      expect(protocolColour('Reporting', 'var(--_muted)')).toBe(
        'var(--protocol-reporting, var(--_muted))'
      );
    });
  });
});
