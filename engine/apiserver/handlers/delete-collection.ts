/**
 * DELETE of a collection (upstream: registry Store.DeleteCollection): list what the selectors
 * match, then delete each item exactly as a single DELETE would (admission, finalizers, grace
 * periods included). Items that vanish meanwhile are skipped. Returns the items as they are after
 * their deletion (gone, or marked with deletionTimestamp).
 */
import { isNotFound } from '../../api/errors.ts';
import type { KubeList, KubeObject } from '../../api/object.ts';
import type { DeleteOptions, ListOptions } from '../types.ts';
import type { Request, ServerContext } from './context.ts';
import { deleteHandler } from './delete.ts';
import { listHandler } from './list.ts';

export async function deleteCollectionHandler(
  ctx: ServerContext,
  req: Request,
  listOptions: ListOptions,
  options: DeleteOptions,
): Promise<{ list: KubeList; revision?: number }> {
  const listed = await listHandler(ctx, req, { labelSelector: listOptions.labelSelector, fieldSelector: listOptions.fieldSelector });
  const items: KubeObject[] = [];
  let revision: number | undefined;
  for (const item of listed.items) {
    const itemReq: Request = { ...req, namespace: item.metadata?.namespace ?? '', name: item.metadata?.name ?? '' };
    try {
      const out = await deleteHandler(ctx, itemReq, options);
      items.push(out.obj);
      if (out.revision !== undefined) revision = out.revision;
    } catch (err) {
      if (isNotFound(err)) continue;
      throw err;
    }
  }
  return { list: { ...listed, items }, revision };
}
