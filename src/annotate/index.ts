export { CocoStreamWriter, categoriesOf, cocoAnnotation, regionsToBoxes, writeFileAtomic } from './coco.js';
export type { CocoAnnotation, CocoCategory, CocoImage } from './coco.js';
