export { createImageCatalog, IMAGE_FAMILIES, type ImageCatalog, type CatalogEntry } from './catalog.ts';
export type { ImageContent, ImageFamily } from './image.ts';
export { NGINX_INDEX } from './nginx.ts';
export { parseStressSize } from './stress.ts';
