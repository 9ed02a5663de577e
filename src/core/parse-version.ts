/**
 * The version of what the document readers (API plan, db plan, types file) and the dossier's reading of the docs
 * return. Their results are kept between runs under it: bump it in any change to a reader or to the dossier's
 * docs facts, so no run reads what older code read.
 */
export const PARSE_VERSION = 1;
