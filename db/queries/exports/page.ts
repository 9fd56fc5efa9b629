// Every export reads keyset pages of this many rows: large enough that a million rows take a
// thousand short queries, small enough that a page of rows and its CSV text stay a few hundred KB.
export const EXPORT_PAGE_SIZE = 1000;
