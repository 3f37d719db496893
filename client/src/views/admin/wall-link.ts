// The address a wall opens with its display token: the token signs it in, the region (optional)
// is the part of the county it shows. Pure.
export function wallLink(origin: string, token: string, region: string | null): string {
  const url = new URL('/wall', origin);
  url.searchParams.set('token', token);
  if (region) url.searchParams.set('region', region);
  return url.toString();
}
