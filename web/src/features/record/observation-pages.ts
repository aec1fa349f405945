interface ObservationPage<TNode> {
  patient: {
    observations: {
      nodes: TNode[];
      pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    };
  };
}

export function observationPageInfo<TNode>(data: ObservationPage<TNode>): {
  hasNextPage: boolean;
  endCursor?: string | null;
} {
  return data.patient.observations.pageInfo;
}

/** Next page's observations after the loaded ones; the newest page info wins. */
export function appendObservations<TData extends ObservationPage<unknown>>(
  loaded: TData,
  next: TData,
): TData {
  return {
    ...next,
    patient: {
      ...next.patient,
      observations: {
        ...next.patient.observations,
        nodes: [...loaded.patient.observations.nodes, ...next.patient.observations.nodes],
      },
    },
  };
}

/** Module-level so hooks see a stable function and do not refetch on every render. */
export function afterCursor(cursor: string): { after: string } {
  return { after: cursor };
}
