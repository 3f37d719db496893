import { describe, expect, it } from 'vitest';
import { describeMapError } from '../../../client/src/map/tile-refusals';

describe('describeMapError', () => {
  it("names what failed, not the error's minified class", () => {
    // MapLibre's AJAXError, minified to a one-letter class as in the built client.
    const Ln = class extends Error {
      constructor(status: number, statusText: string, url: string) {
        super(`AJAXError: ${statusText} (${status}): ${url}`);
      }
    };
    expect(describeMapError(new Ln(503, 'Service Unavailable', 'http://127.0.0.1:3000/tiles/grids/12/1/2.pbf'))).toBe(
      'Error: AJAXError: Service Unavailable (503): http://127.0.0.1:3000/tiles/grids/12/1/2.pbf',
    );
  });

  it('keeps a plain message and shows an event with no error as its fields', () => {
    expect(describeMapError('style failed')).toBe('style failed');
    expect(describeMapError({ type: 'error', sourceId: 'grids' })).toBe('{"type":"error","sourceId":"grids"}');
  });
});
