import { PNG } from 'pngjs';

/** 8-bit RGBA pixels, row-major: what the render functions draw into and decodePng returns. */
export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function encodePng(image: RgbaPixels): Buffer {
  const { width, height, data } = image;
  const png = new PNG({ width, height });
  png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return PNG.sync.write(png);
}

export function decodePng(buffer: Buffer): RgbaPixels {
  const png = PNG.sync.read(buffer);
  return { width: png.width, height: png.height, data: png.data };
}

/** An opaque canvas filled with one colour. */
export function blankPixels(width: number, height: number, [red, green, blue]: Rgb): RgbaPixels {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = red; data[i + 1] = green; data[i + 2] = blue; data[i + 3] = 255;
  }
  return { width, height, data };
}

export type Rgb = readonly [number, number, number];
