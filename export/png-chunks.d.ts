// png-chunks-extract and png-chunks-encode ship no types; these cover what the exports use.
declare module "png-chunks-extract" {
  export interface PngChunk {
    name: string;
    data: Uint8Array;
  }
  export default function extractChunks(png: Uint8Array): PngChunk[];
}

declare module "png-chunks-encode" {
  import type {PngChunk} from "png-chunks-extract";
  export default function encodeChunks(chunks: PngChunk[]): Uint8Array;
}
