import { describe, expect, it } from 'vitest';
import { decodeStripeForm, formList, formMetadata, formString } from './form-encoding';

describe('decodeStripeForm', () => {
  it('nests bracketed keys and builds arrays from indexed and empty brackets', () => {
    const form = decodeStripeForm(
      'mode=subscription&line_items[0][price]=price_1&line_items[0][quantity]=1&metadata[userId]=u-1' +
        '&expand[]=subscription&expand[]=customer&recurring[interval]=month',
    );
    expect(formString(form, 'mode')).toBe('subscription');
    expect(formList(form, 'line_items')).toEqual([{ price: 'price_1', quantity: '1' }]);
    expect(formMetadata(form)).toEqual({ userId: 'u-1' });
    expect(formList(form, 'expand')).toEqual(['subscription', 'customer']);
    expect(form.recurring).toEqual({ interval: 'month' });
  });

  it('decodes percent-encoded values and keeps absent keys absent', () => {
    const form = decodeStripeForm('success_url=http%3A%2F%2Fapp%2Fbilling%3Fs%3D%7BCHECKOUT_SESSION_ID%7D');
    expect(formString(form, 'success_url')).toBe('http://app/billing?s={CHECKOUT_SESSION_ID}');
    expect(formString(form, 'cancel_url')).toBeUndefined();
    expect(formList(form, 'line_items')).toEqual([]);
  });
});
