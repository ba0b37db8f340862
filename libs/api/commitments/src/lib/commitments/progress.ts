export interface ProgressNode {
  id: string;
  parentId: string | null;
  progress: number;
}

/**
 * Rolled-up progress: a commitment with children shows the mean of its children's rolled-up
 * progress (recursively); one without shows its own. `nodes` holds every commitment involved
 * (the roots and all their descendants). Rounded to whole percent; cycles are ignored.
 */
export function rollUpProgress(rootIds: readonly string[], nodes: readonly ProgressNode[]): Map<string, number> {
  const own = new Map(nodes.map((node) => [node.id, node.progress]));
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  const memo = new Map<string, number>();
  const visit = (id: string, path: Set<string>): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const kids = (children.get(id) ?? []).filter((child) => !path.has(child));
    let value: number;
    if (kids.length === 0) {
      value = own.get(id) ?? 0;
    } else {
      path.add(id);
      const sum = kids.reduce((total, child) => total + visit(child, path), 0);
      path.delete(id);
      value = sum / kids.length;
    }
    memo.set(id, value);
    return value;
  };
  const result = new Map<string, number>();
  for (const id of rootIds) result.set(id, Math.round(visit(id, new Set())));
  return result;
}
