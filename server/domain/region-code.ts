/**
 * A region code: the county's 6 digits (GB/T 2260), then 3 for the street and 3 for the community.
 * The one definition for schemas, parsers and the client; a grid's own code builds on the community's.
 */
export const REGION_CODE_PATTERN = '^[0-9]{6}([0-9]{3}){0,2}$'
export const COMMUNITY_CODE_PATTERN = '^[0-9]{12}$'

const REGION_CODE = new RegExp(REGION_CODE_PATTERN)
const COMMUNITY_CODE = new RegExp(COMMUNITY_CODE_PATTERN)

export const isRegionCode = (value: string): boolean => REGION_CODE.test(value)
export const isCommunityCode = (value: string): boolean => COMMUNITY_CODE.test(value)

/** What a region code looks like, for error messages. */
export const REGION_CODE_TEXT = 'a 6-, 9- or 12-digit region code'
