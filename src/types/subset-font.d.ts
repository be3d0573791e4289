// The one call of subset-font the project makes (the package ships no types).
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: {targetFormat?: "sfnt" | "woff" | "woff2" | "truetype"}
  ): Promise<Buffer>;
}
