'use client';

import type { OperationVariables } from '@apollo/client';
import type { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';

interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

interface RemainingPagesOptions<TData, TVariables extends OperationVariables> {
  data: TData | undefined;
  fetchMore: useQuery.Result<TData, TVariables>['fetchMore'];
  pageInfo: (data: TData) => PageInfo;
  /** The variables that ask for the page after `cursor`. */
  after: (cursor: string) => Partial<TVariables>;
  /** Appends the next page's nodes to what is already loaded. */
  append: (loaded: TData, next: TData) => TData;
  /** Stop after this many pages, so one huge record cannot stall the page. */
  maxPages: number;
}

/**
 * Charts and per-test tables need the whole series, but the API pages at 100: fetch the remaining pages one
 * after the other once the first has arrived.
 */
export function useRemainingPages<TData, TVariables extends OperationVariables>({
  data,
  fetchMore,
  pageInfo,
  after,
  append,
  maxPages,
}: RemainingPagesOptions<TData, TVariables>): { loadingMore: boolean; truncated: boolean } {
  const [pagesLoaded, setPagesLoaded] = useState(1);
  const [loadingMore, setLoadingMore] = useState(false);
  const info = data ? pageInfo(data) : null;
  const wantMore = Boolean(info?.hasNextPage && info.endCursor) && pagesLoaded < maxPages;

  useEffect(() => {
    if (!wantMore || loadingMore || !info?.endCursor) return;
    setLoadingMore(true);
    fetchMore({
      variables: after(info.endCursor),
      updateQuery: (loaded, { fetchMoreResult }) => append(loaded as TData, fetchMoreResult),
    })
      .then(() => setPagesLoaded((count) => count + 1))
      .catch(() => setPagesLoaded(maxPages))
      .finally(() => setLoadingMore(false));
  }, [wantMore, loadingMore, info?.endCursor, fetchMore, after, append, maxPages]);

  return {
    loadingMore: wantMore || loadingMore,
    truncated: Boolean(info?.hasNextPage) && pagesLoaded >= maxPages,
  };
}
