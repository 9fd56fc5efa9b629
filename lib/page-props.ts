/** What Next passes a page: params and search params arrive as promises in Next 16. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A merchant console page with a server-paged table. */
export interface WorkspaceTablePageProps {
  params: Promise<{ workspace: string }>;
  searchParams: SearchParams;
}
