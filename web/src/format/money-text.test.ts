import { describe, expect, it } from 'vitest';
import { creditsText, creditsWorthText, moneyText } from './money-text';

describe('moneyText', () => {
  it('formats cents in the given currency', () => {
    expect(moneyText(900, 'usd')).toMatch(/9\.00/);
    expect(moneyText(0, 'usd')).toMatch(/0\.00/);
  });
});

describe('creditsText', () => {
  it('names the unit, with at most two decimals', () => {
    expect(creditsText(0)).toBe('0 credits');
    expect(creditsText(1)).toBe('1 credit');
    expect(creditsText(3.65)).toBe('3.65 credits');
    expect(creditsText(12.3456)).toBe('12.35 credits');
  });

  it('never shows a small charge as nothing', () => {
    expect(creditsText(0.004)).toBe('less than 0.01 credits');
  });

  it('groups a large balance as the locale does', () => {
    expect(creditsText(18_000)).toBe(`${(18_000).toLocaleString()} credits`);
  });
});

describe('creditsWorthText', () => {
  it('puts the money a credit is worth (one cent) beside the credits', () => {
    expect(creditsWorthText(500, 'usd')).toBe(`500 credits (${moneyText(500, 'usd')})`);
    expect(creditsWorthText(497, 'usd')).toMatch(/^497 credits \(.*4\.97\)$/);
  });
});
