/**
 * SQL over the org tree for other repositories' queries. `unitsInBranch(param)` is a subquery of the ids of a unit
 * and every unit below it, for `org_unit_id IN (...)`: `param` is the placeholder of the root unit's id (`$3`,
 * `:branch`). The depth bound keeps a mistaken cycle in the tree from running away.
 */
export function unitsInBranch(param: string): string {
  return `(WITH RECURSIVE sub AS (
    SELECT id, 0 AS depth FROM org_units WHERE id = ${param}
    UNION ALL SELECT c.id, s.depth + 1 FROM org_units c JOIN sub s ON c.parent_id = s.id WHERE s.depth < 32
  ) SELECT id FROM sub)`;
}
