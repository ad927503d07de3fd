import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An absolute http:// or https:// URL, as the WHATWG URL parser (and so every outbound request)
 * reads it. Where Souk calls the URL, the outbound policy then judges the address it names, so
 * `http://2130706433/` is refused as the loopback address it is, not as a malformed URL.
 */
export function IsHttpUrl(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isHttpUrl(value),
        defaultMessage: () => 'must be an http or https URL',
      },
    },
    options,
  );
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
