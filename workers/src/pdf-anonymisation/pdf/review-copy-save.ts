// Preparing the review copy for saving: objects that nothing reaches any more are deleted.
// See review-copy.ts.
import { PDFArray, PDFDict, type PDFDocument, type PDFObject, PDFRef, PDFStream } from 'pdf-lib';

/**
 * Deletes every indirect object that the trailer no longer reaches. pdf-lib writes all objects it
 * holds, referenced or not, so a removed /Metadata reference would otherwise still be saved.
 */
export function removeUnreachableObjects(out: PDFDocument): void {
  const context = out.context;
  // PDFRef.of interns its instances, so a reference is its own key.
  const reachable = new Set<PDFRef>();
  const stack: PDFObject[] = [];
  const { Root, Info } = context.trailerInfo;
  if (Root) stack.push(Root);
  if (Info) stack.push(Info);
  while (stack.length > 0) {
    const object = stack.pop()!;
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      const target = context.lookup(object);
      if (target) stack.push(target);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) stack.push(value);
    } else if (object instanceof PDFStream) {
      for (const [, value] of object.dict.entries()) stack.push(value);
    } else if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) stack.push(object.get(index));
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
  }
}
