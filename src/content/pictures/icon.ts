/**
 * Flat one-colour pictograms (phone, mail, pin, gear, check, warning, ...) drawn from canvas paths in a
 * 24 x 24 design grid: solid, outlined, or as a light glyph on a round or square badge.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../../random/index.js';
import type { XYXY } from '../../types.js';
import { fitAspect, hsl, r4, roundRectPath } from './util.js';

export const ICON_GLYPHS = [
  'phone',
  'mail',
  'pin',
  'gear',
  'check',
  'warning',
  'home',
  'user',
  'search',
  'star',
  'heart',
  'lock',
  'calendar',
  'clock',
  'info',
  'download',
  'cloud',
  'bell',
  'document',
  'cart',
] as const;
export type IconGlyph = (typeof ICON_GLYPHS)[number];

export interface IconSpec {
  kind: 'icon';
  glyph: IconGlyph;
  style: 'solid' | 'outline' | 'badge-circle' | 'badge-square';
  /** Glyph colour (the badge colour for badge styles). */
  color: string;
  /** Stroke width in design units (of 24) for the outline style and line details. */
  stroke: number;
}

/** How a glyph's parts are painted: body shapes (fill or outline), cut-outs and lines. */
interface Pen {
  ctx: SKRSContext2D;
  /** Paints the current path as the glyph's body. */
  body(build: () => void): void;
  /** Paints the current path as a detail cut out of the body (or outlined in outline style). */
  cut(build: () => void): void;
  /** Strokes the current path in the glyph colour. */
  line(build: () => void, width?: number): void;
}

function circle(ctx: SKRSContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x + r, y);
  ctx.arc(x, y, r, 0, Math.PI * 2);
}

const GLYPHS: Record<IconGlyph, (p: Pen) => void> = {
  phone: (p) => {
    p.body(() => roundRectPath(p.ctx, 6.5, 2, 11, 20, 2.2));
    p.cut(() => p.ctx.rect(8.3, 4.6, 7.4, 12.6));
    p.cut(() => circle(p.ctx, 12, 19.5, 1));
  },
  mail: (p) => {
    p.body(() => roundRectPath(p.ctx, 2.5, 5, 19, 14, 1.5));
    p.line(() => {
      p.ctx.moveTo(3.2, 6);
      p.ctx.lineTo(12, 13);
      p.ctx.lineTo(20.8, 6);
    }, -1);
  },
  pin: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(12, 22.5);
      c.bezierCurveTo(12, 22.5, 4.5, 14.5, 4.5, 9.5);
      c.arc(12, 9.5, 7.5, Math.PI, 0);
      c.bezierCurveTo(19.5, 14.5, 12, 22.5, 12, 22.5);
      c.closePath();
    });
    p.cut(() => circle(p.ctx, 12, 9.5, 2.8));
  },
  gear: (p) => {
    p.body(() => {
      const c = p.ctx;
      const n = 8;
      for (let i = 0; i < n * 4; i++) {
        const a = (i / (n * 4)) * Math.PI * 2 - Math.PI / (n * 4);
        const r = i % 4 === 0 || i % 4 === 1 ? 10 : 7.6;
        const x = 12 + r * Math.cos(a);
        const y = 12 + r * Math.sin(a);
        if (i === 0) c.moveTo(x, y);
        else c.lineTo(x, y);
      }
      c.closePath();
    });
    p.cut(() => circle(p.ctx, 12, 12, 3.4));
  },
  check: (p) => {
    p.body(() => circle(p.ctx, 12, 12, 10));
    p.cut(() => {
      const c = p.ctx;
      c.moveTo(6.6, 12.4);
      c.lineTo(10.4, 16.2);
      c.lineTo(17.6, 8.6);
      c.lineTo(16.2, 7.2);
      c.lineTo(10.4, 13.4);
      c.lineTo(8, 11);
      c.closePath();
    });
  },
  warning: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(12, 2.5);
      c.lineTo(22.5, 21);
      c.lineTo(1.5, 21);
      c.closePath();
    });
    p.cut(() => {
      p.ctx.rect(11, 8.5, 2, 7);
      circle(p.ctx, 12, 18, 1.1);
    });
  },
  home: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(12, 3);
      c.lineTo(22, 11.5);
      c.lineTo(19, 11.5);
      c.lineTo(19, 21);
      c.lineTo(5, 21);
      c.lineTo(5, 11.5);
      c.lineTo(2, 11.5);
      c.closePath();
    });
    p.cut(() => p.ctx.rect(10, 14.5, 4, 6.5));
  },
  user: (p) => {
    p.body(() => {
      circle(p.ctx, 12, 7.5, 4.5);
      const c = p.ctx;
      c.moveTo(3, 21.5);
      c.bezierCurveTo(3, 15.5, 7, 13.5, 12, 13.5);
      c.bezierCurveTo(17, 13.5, 21, 15.5, 21, 21.5);
      c.closePath();
    });
  },
  search: (p) => {
    p.line(() => circle(p.ctx, 10, 10, 6.2), 2.6);
    p.line(() => {
      p.ctx.moveTo(14.6, 14.6);
      p.ctx.lineTo(21, 21);
    }, 3.4);
  },
  star: (p) => {
    p.body(() => {
      const c = p.ctx;
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const r = i % 2 === 0 ? 10.5 : 4.4;
        if (i === 0) c.moveTo(12 + r * Math.cos(a), 12.8 + r * Math.sin(a));
        else c.lineTo(12 + r * Math.cos(a), 12.8 + r * Math.sin(a));
      }
      c.closePath();
    });
  },
  heart: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(12, 21);
      c.bezierCurveTo(5, 15.5, 2, 12, 2, 8.3);
      c.bezierCurveTo(2, 5.3, 4.3, 3.2, 7, 3.2);
      c.bezierCurveTo(9, 3.2, 11, 4.4, 12, 6.4);
      c.bezierCurveTo(13, 4.4, 15, 3.2, 17, 3.2);
      c.bezierCurveTo(19.7, 3.2, 22, 5.3, 22, 8.3);
      c.bezierCurveTo(22, 12, 19, 15.5, 12, 21);
      c.closePath();
    });
  },
  lock: (p) => {
    p.line(() => {
      p.ctx.moveTo(7.5, 11);
      p.ctx.lineTo(7.5, 7.5);
      p.ctx.arc(12, 7.5, 4.5, Math.PI, 0);
      p.ctx.lineTo(16.5, 11);
    }, 2.2);
    p.body(() => roundRectPath(p.ctx, 4.5, 10.5, 15, 11, 1.5));
    p.cut(() => {
      circle(p.ctx, 12, 15, 1.6);
      p.ctx.rect(11.3, 15, 1.4, 3.4);
    });
  },
  calendar: (p) => {
    p.body(() => roundRectPath(p.ctx, 3, 4.5, 18, 17, 1.6));
    p.cut(() => {
      for (let r = 0; r < 3; r++) for (let k = 0; k < 4; k++) p.ctx.rect(5.4 + k * 3.5, 10.5 + r * 3.4, 2.2, 2.1);
    });
    p.line(() => {
      p.ctx.moveTo(8, 2.5);
      p.ctx.lineTo(8, 6.5);
      p.ctx.moveTo(16, 2.5);
      p.ctx.lineTo(16, 6.5);
    }, 2);
  },
  clock: (p) => {
    p.body(() => circle(p.ctx, 12, 12, 10));
    p.cut(() => {
      p.ctx.rect(11.1, 5.5, 1.8, 7.4);
      p.ctx.rect(11.1, 11.1, 5.4, 1.8);
    });
  },
  info: (p) => {
    p.body(() => circle(p.ctx, 12, 12, 10));
    p.cut(() => {
      circle(p.ctx, 12, 7.4, 1.4);
      p.ctx.rect(10.9, 10.2, 2.2, 7.6);
    });
  },
  download: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(10.5, 2.5);
      c.lineTo(13.5, 2.5);
      c.lineTo(13.5, 10.5);
      c.lineTo(17.5, 10.5);
      c.lineTo(12, 16.5);
      c.lineTo(6.5, 10.5);
      c.lineTo(10.5, 10.5);
      c.closePath();
    });
    p.line(() => {
      p.ctx.moveTo(3.5, 15);
      p.ctx.lineTo(3.5, 20.5);
      p.ctx.lineTo(20.5, 20.5);
      p.ctx.lineTo(20.5, 15);
    }, 2.2);
  },
  cloud: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(6.5, 19);
      c.arc(6.5, 14.5, 4.5, Math.PI / 2, (Math.PI * 3) / 2);
      c.arc(11.5, 9.5, 5.5, Math.PI * 1.05, Math.PI * 1.95);
      c.arc(17.5, 13.5, 5.5, -Math.PI / 2, Math.PI / 2);
      c.closePath();
    });
  },
  bell: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(3.5, 18);
      c.lineTo(5.5, 15.5);
      c.lineTo(5.5, 10.5);
      c.bezierCurveTo(5.5, 6.5, 8.5, 3.5, 12, 3.5);
      c.bezierCurveTo(15.5, 3.5, 18.5, 6.5, 18.5, 10.5);
      c.lineTo(18.5, 15.5);
      c.lineTo(20.5, 18);
      c.closePath();
      circle(c, 12, 20, 2);
    });
  },
  document: (p) => {
    p.body(() => {
      const c = p.ctx;
      c.moveTo(5, 2);
      c.lineTo(14.5, 2);
      c.lineTo(19.5, 7);
      c.lineTo(19.5, 22);
      c.lineTo(5, 22);
      c.closePath();
    });
    p.cut(() => {
      p.ctx.rect(7.8, 10.5, 9, 1.5);
      p.ctx.rect(7.8, 13.8, 9, 1.5);
      p.ctx.rect(7.8, 17.1, 6, 1.5);
    });
  },
  cart: (p) => {
    p.line(() => {
      const c = p.ctx;
      c.moveTo(1.5, 3.5);
      c.lineTo(4.5, 3.5);
      c.lineTo(7, 15.5);
      c.lineTo(19, 15.5);
    }, 2);
    p.body(() => {
      const c = p.ctx;
      c.moveTo(5.6, 6);
      c.lineTo(21.5, 6);
      c.lineTo(19.5, 13);
      c.lineTo(7, 13);
      c.closePath();
      circle(c, 8.5, 19.5, 1.8);
      circle(c, 17.5, 19.5, 1.8);
    });
  },
};

export function sampleIcon(rng: Rng): IconSpec {
  const dark = rng.chance(0.35);
  return {
    kind: 'icon',
    glyph: rng.pick(ICON_GLYPHS),
    style: (['solid', 'outline', 'badge-circle', 'badge-square'] as const)[rng.weighted([0.4, 0.25, 0.2, 0.15])]!,
    color: dark ? rng.pick(['#222222', '#333333', '#1f2a44', '#444444']) : hsl(rng.uniform(0, 360), rng.uniform(0.5, 0.85), rng.uniform(0.32, 0.5)),
    stroke: r4(rng.uniform(1.4, 2.2), 2),
  };
}

export function drawIcon(ctx: SKRSContext2D, rect: XYXY, spec: IconSpec): XYXY[] {
  const box = fitAspect(rect, 1);
  const badge = spec.style === 'badge-circle' || spec.style === 'badge-square';
  ctx.save();
  ctx.translate(box.x, box.y);
  ctx.scale(box.w / 24, box.w / 24);
  if (badge) {
    ctx.fillStyle = spec.color;
    ctx.beginPath();
    if (spec.style === 'badge-circle') circle(ctx, 12, 12, 12);
    else roundRectPath(ctx, 0, 0, 24, 24, 5);
    ctx.fill();
    // The glyph sits inside the badge at 60% size.
    ctx.translate(12, 12);
    ctx.scale(0.6, 0.6);
    ctx.translate(-12, -12);
  }
  const fg = badge ? '#ffffff' : spec.color;
  const bg = badge ? spec.color : '#ffffff';
  const outline = spec.style === 'outline';
  // Outlines are drawn inset so the stroke stays inside the 24-unit box.
  if (outline) {
    ctx.translate(12, 12);
    ctx.scale(0.9, 0.9);
    ctx.translate(-12, -12);
  }
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  const pen: Pen = {
    ctx,
    body(build) {
      ctx.beginPath();
      build();
      if (outline) {
        ctx.strokeStyle = fg;
        ctx.lineWidth = spec.stroke;
        ctx.stroke();
      } else {
        ctx.fillStyle = fg;
        ctx.fill();
      }
    },
    cut(build) {
      ctx.beginPath();
      build();
      if (outline) {
        ctx.fillStyle = fg;
        ctx.fill();
      } else {
        ctx.fillStyle = bg;
        ctx.fill();
      }
    },
    line(build, width) {
      ctx.beginPath();
      build();
      // width < 0: a detail line drawn in the cut colour on solid glyphs (the flap of an envelope).
      ctx.strokeStyle = width !== undefined && width < 0 && !outline ? bg : fg;
      ctx.lineWidth = width !== undefined && width > 0 ? Math.max(width, outline ? spec.stroke : 0) : spec.stroke;
      ctx.stroke();
    },
  };
  GLYPHS[spec.glyph](pen);
  ctx.restore();
  return [];
}
